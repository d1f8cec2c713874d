package org.mentoring.session.participant;

import java.util.List;
import java.util.UUID;

/** The fields of other services' events that session-service reads; everything else in them is ignored. */
public final class ParticipantEvents {

    private ParticipantEvents() {
    }

    public record ProfileChanged(UUID profileId, String externalId, String displayName, String email,
                                 String timeZone, String status, Long version) {
    }

    public record ProfileErased(UUID profileId, Long version) {
    }

    public record MentorshipChanged(UUID mentorshipId, String kind, UUID programId, UUID mentorId, UUID menteeId,
                                    String status, Long version) {
    }

    public record ProgramChanged(UUID programId, List<UUID> adminIds, Long version) {
    }
}
