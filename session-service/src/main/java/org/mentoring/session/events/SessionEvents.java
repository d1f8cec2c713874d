package org.mentoring.session.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.platform.events.Outbox;
import org.mentoring.session.session.Session;

/** Publishes session facts through the outbox as SessionState: times, status and ids, never agenda or notes. */
@ApplicationScoped
public class SessionEvents {

    public static final String TOPIC = "mentoring.session.v1";
    public static final String SCHEDULED = "mentoring.session.scheduled.v1";
    public static final String RESCHEDULED = "mentoring.session.rescheduled.v1";
    public static final String CANCELLED = "mentoring.session.cancelled.v1";
    public static final String COMPLETED = "mentoring.session.completed.v1";
    public static final String MISSED = "mentoring.session.missed.v1";

    @Inject
    Outbox outbox;

    public void publish(String type, Session s, UUID programId) {
        outbox.append(TOPIC, type, s.id.toString(), s.id.toString(), SessionState.of(s, programId));
    }

    /** The data of every session event, as docs/asyncapi.yaml defines SessionState. */
    public record SessionState(UUID sessionId, UUID mentorshipId, UUID programId, UUID seriesId,
                               List<UUID> participantIds, UUID organizerId, String status, OffsetDateTime startsAt,
                               int durationMinutes, String timeZone, String cancelReason, long version,
                               OffsetDateTime changedAt) {

        static SessionState of(Session s, UUID programId) {
            return new SessionState(s.id, s.mentorshipId, programId, s.seriesId, s.participantIds(), s.organizerId,
                    s.status.name(), s.startsAt.atOffset(ZoneOffset.UTC), s.durationMinutes, s.timeZone,
                    s.cancelReason == null ? null : s.cancelReason.name(), s.version,
                    (s.updatedAt == null ? Instant.now() : s.updatedAt).atOffset(ZoneOffset.UTC));
        }
    }
}
