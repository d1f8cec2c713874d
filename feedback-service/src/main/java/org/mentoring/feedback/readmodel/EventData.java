package org.mentoring.feedback.readmodel;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The fields of other services' events that feedback-service reads; everything else in them is ignored. */
public final class EventData {

    private EventData() {
    }

    public record Profile(UUID profileId, String externalId, String email, String department, String location,
                          Integer level, String status, Long version) {
    }

    public record ProfileErased(UUID profileId, Long version) {
    }

    public record Program(UUID programId, String name, String status, LocalDate startsOn, LocalDate endsOn,
                          List<UUID> adminIds, Long version) {
    }

    public record Enrolment(UUID programId, UUID enrolmentId, UUID profileId, String role, OffsetDateTime changedAt) {
    }

    public record Participant(UUID profileId, String role) {
    }

    public record Mentorship(UUID mentorshipId, String kind, UUID programId, UUID mentorId, UUID menteeId,
                             List<Participant> participants, String status, String endReason,
                             OffsetDateTime startedAt, OffsetDateTime endedAt, Long version) {
    }

    public record Session(UUID sessionId, UUID mentorshipId, UUID programId, List<UUID> participantIds, String status,
                          OffsetDateTime startsAt, Long version) {
    }

    public record Goal(UUID goalId, UUID mentorshipId, UUID programId, UUID ownerId, String status, Integer progress,
                       Long version) {
    }

    static <T> T require(T value, String field, org.mentoring.platform.events.ReceivedEvent event) {
        if (value == null) {
            throw new org.mentoring.platform.events.ReceivedEvent.UnreadableEventException(
                    event.type() + " " + event.id() + " lacks " + field, null);
        }
        return value;
    }
}
