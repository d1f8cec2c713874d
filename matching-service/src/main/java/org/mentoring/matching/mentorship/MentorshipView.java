package org.mentoring.matching.mentorship;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A mentorship as the API shows it. The free texts (request message, decline reason, end note) are filled only
 * for the two participants; administrators see the facts, never the words.
 */
public record MentorshipView(UUID id, String kind, String origin, UUID programId, UUID groupId, UUID mentorId,
        UUID menteeId, String status, String message, String declineReason, String endReason, String endNote,
        Double score, List<String> goalSkills, Instant requestedAt, Instant respondedAt, Instant startedAt,
        Instant endedAt, Instant expiresAt, long version) {

    public static MentorshipView of(Mentorship m, boolean participant) {
        return new MentorshipView(m.id, m.kind, m.origin, m.programId, m.groupId, m.mentorId, m.menteeId, m.status,
                participant ? m.message : null, participant ? m.declineReason : null, m.endReason,
                participant ? m.endNote : null, m.score, List.copyOf(m.goalSkills), m.requestedAt, m.respondedAt,
                m.startedAt, m.endedAt, m.expiresAt, m.version);
    }
}
