package org.mentoring.feedback.quality;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.feedback.Sql;
import org.mentoring.feedback.config.FeedbackConfig;
import org.mentoring.feedback.events.FeedbackEvents;

/**
 * Recomputes a mentor's quality from the ratings their mentees gave them and publishes
 * {@code mentoring.mentor-quality.changed.v1} whenever the figure changes, for matching to rank with.
 */
@ApplicationScoped
public class MentorQualityService {

    @Inject
    Sql sql;

    @Inject
    FeedbackConfig config;

    @Inject
    FeedbackEvents events;

    /** Call inside the transaction that changed a rating about the mentor. */
    public void refresh(UUID mentorId) {
        if (mentorId == null) {
            return;
        }
        // One recomputation per mentor at a time, so concurrent answers never publish a figure that misses one.
        sql.one("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> 1, "mentor-quality:" + mentorId);
        long[] sumCount = sql.one("""
                SELECT coalesce(sum(rating), 0) AS total, count(*) AS n FROM feedback_answer
                WHERE about_profile_id = ? AND author_role = 'mentee'
                """, rs -> new long[] {rs.getLong("total"), rs.getLong("n")}, mentorId).orElseThrow();
        if (sumCount[1] == 0) {
            return;
        }
        BigDecimal quality = DampedAverage.of(sumCount[0], sumCount[1], config.quality().priorWeight(),
                config.quality().priorMean());
        int count = (int) sumCount[1];
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        sql.one("""
                INSERT INTO mentor_quality AS q (profile_id, quality, rating_count, version, changed_at)
                VALUES (?, ?, ?, 1, ?)
                ON CONFLICT (profile_id) DO UPDATE SET quality = excluded.quality,
                    rating_count = excluded.rating_count, version = q.version + 1, changed_at = excluded.changed_at
                WHERE q.quality <> excluded.quality
                RETURNING version
                """, rs -> rs.getLong("version"), mentorId, quality, count, now)
                .ifPresent(version -> events.qualityChanged(
                        new FeedbackEvents.QualityData(mentorId, quality, count, version, now)));
    }
}
