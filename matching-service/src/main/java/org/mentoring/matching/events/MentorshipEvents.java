package org.mentoring.matching.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.matching.mentorship.Mentorship;
import org.mentoring.platform.events.Outbox;

/**
 * The one place a mentorship transition becomes an event on {@code mentoring.mentorship.v1}, keyed and subjected
 * by the mentorship id, with the state after the transition (MentorshipState in docs/asyncapi.yaml). Never carries
 * the free texts. Called inside the transaction of the transition.
 */
@ApplicationScoped
public class MentorshipEvents {

    public static final String TOPIC = "mentoring.mentorship.v1";
    public static final String REQUESTED = "mentoring.mentorship.requested.v1";
    public static final String STARTED = "mentoring.mentorship.started.v1";
    public static final String DECLINED = "mentoring.mentorship.declined.v1";
    public static final String WITHDRAWN = "mentoring.mentorship.withdrawn.v1";
    public static final String EXPIRED = "mentoring.mentorship.expired.v1";
    public static final String PAUSED = "mentoring.mentorship.paused.v1";
    public static final String RESUMED = "mentoring.mentorship.resumed.v1";
    public static final String ENDED = "mentoring.mentorship.ended.v1";

    @Inject
    Outbox outbox;

    public void publish(String type, Mentorship m) {
        outbox.append(TOPIC, type, m.id.toString(), m.id.toString(), state(m));
    }

    public static MentorshipState state(Mentorship m) {
        boolean peer = "peer".equals(m.kind);
        List<MentorshipState.Participant> participants = List.of(
                new MentorshipState.Participant(m.mentorId, peer ? "peer" : "mentor"),
                new MentorshipState.Participant(m.menteeId, peer ? "peer" : "mentee"));
        return new MentorshipState(m.id, m.kind, m.origin, m.programId, m.groupId, m.mentorId, m.menteeId,
                participants, m.status, m.endReason, List.copyOf(m.goalSkills), m.score, m.requestedAt, m.startedAt,
                m.endedAt, m.version, m.updatedAt);
    }

    /** The event data: what every consumer of mentorship events reads. */
    public record MentorshipState(UUID mentorshipId, String kind, String origin, UUID programId, UUID groupId,
            UUID mentorId, UUID menteeId, List<Participant> participants, String status, String endReason,
            List<String> goalSkills, Double score, Instant requestedAt, Instant startedAt, Instant endedAt,
            long version, Instant changedAt) {

        public record Participant(UUID profileId, String role) {
        }
    }
}
