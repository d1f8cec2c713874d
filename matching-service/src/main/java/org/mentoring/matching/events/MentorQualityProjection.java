package org.mentoring.matching.events;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.mentoring.platform.events.EventHandler;
import org.mentoring.platform.events.ReceivedEvent;

/**
 * Keeps each mentor's quality (the damped average rating feedback-service computes) on their candidate row, only
 * ever moving to a newer quality version. A quality that arrives before the person's profile waits on a
 * placeholder row that the profile's first event fills in.
 */
@ApplicationScoped
public class MentorQualityProjection implements EventHandler {

    public static final String TOPIC = "mentoring.mentor-quality.v1";
    public static final String CHANGED = "mentoring.mentor-quality.changed.v1";

    @Inject
    EntityManager em;

    /** What matching reads from MentorQuality in docs/asyncapi.yaml. */
    record MentorQuality(UUID profileId, Double quality, Integer ratingCount, Long version) {
    }

    @Override
    public Set<String> topics() {
        return Set.of(TOPIC);
    }

    @Override
    public boolean handles(String type) {
        return CHANGED.equals(type);
    }

    @Override
    public void apply(ReceivedEvent event) {
        MentorQuality q = event.dataAs(MentorQuality.class);
        if (q.profileId() == null || q.quality() == null || q.ratingCount() == null || q.version() == null
                || q.quality() < 1 || q.quality() > 5 || q.ratingCount() < 0) {
            throw new ReceivedEvent.UnreadableEventException(event.type() + " " + event.id()
                    + " lacks profileId, quality (1-5), ratingCount or version", null);
        }
        em.createNativeQuery("""
                INSERT INTO matching.candidate (profile_id, status, version, quality, rating_count, quality_version,
                    applied_at)
                VALUES (:p, 'unknown', 0, :q, :n, :v, now())
                ON CONFLICT (profile_id) DO UPDATE SET quality = excluded.quality,
                    rating_count = excluded.rating_count, quality_version = excluded.quality_version, applied_at = now()
                WHERE candidate.quality_version < excluded.quality_version AND NOT candidate.erased""")
                .setParameter("p", q.profileId()).setParameter("q", q.quality()).setParameter("n", q.ratingCount())
                .setParameter("v", q.version()).executeUpdate();
    }
}
