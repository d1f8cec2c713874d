package org.mentoring.session.session;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.session.participant.Access;

/**
 * A session as one caller may see it. Participants see everything but the other participant's private note;
 * programme admins and HR see metadata only ({@code visibility: metadata}): no place, agenda or notes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Session")
public record SessionView(
        UUID id,
        UUID mentorshipId,
        UUID seriesId,
        @Schema(description = "proposed, scheduled, held, cancelled or missed") SessionStatus status,
        @Schema(description = "Start with the offset of the session's time zone at that moment")
        OffsetDateTime startsAt,
        @Schema(description = "Wall-clock start in the session's time zone") LocalDateTime localStart,
        @Schema(description = "IANA time zone", example = "Europe/Berlin") String timeZone,
        int durationMinutes,
        OffsetDateTime endsAt,
        List<UUID> participantIds,
        UUID organizerId,
        @Schema(description = "Who proposed the session, while it awaits the other participant") UUID proposedBy,
        CancelReason cancelReason,
        @Schema(description = "What the participant who cancelled wrote; participants only") String cancelNote,
        String location,
        String meetingLink,
        String agenda,
        String sharedNotes,
        @Schema(description = "The caller's own private note; nobody else ever sees it") String privateNote,
        @Schema(description = "iCalendar SEQUENCE: rises with every change calendars must show") int sequence,
        long version,
        @Schema(description = "full for participants, metadata for programme admins and HR") String visibility) {

    public static SessionView of(Session s, Access access, String privateNote) {
        boolean full = access.full();
        return new SessionView(s.id, s.mentorshipId, s.seriesId, s.status, s.localStart().toOffsetDateTime(),
                s.localStart().toLocalDateTime(), s.timeZone, s.durationMinutes,
                s.endsAt.atZone(s.localStart().getZone()).toOffsetDateTime(), s.participantIds(), s.organizerId,
                s.status == SessionStatus.proposed ? s.proposedBy : null, s.cancelReason, full ? s.cancelNote : null,
                full ? s.location : null, full ? s.meetingLink : null, full ? s.agenda : null,
                full ? s.sharedNotes : null, full ? privateNote : null, s.sequence, s.version,
                full ? "full" : "metadata");
    }
}
