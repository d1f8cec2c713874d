package org.mentoring.session.session;

import java.time.LocalDateTime;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the sessions API. */
public final class SessionRequests {

    private SessionRequests() {
    }

    @Schema(name = "ScheduleSession")
    public record Schedule(
            @NotNull UUID mentorshipId,
            @NotNull @Schema(description = "Wall-clock start in timeZone; may lie in the past to log a session held")
            LocalDateTime start,
            @NotNull @Min(5) @Max(480) Integer durationMinutes,
            @Schema(description = "IANA time zone; the caller's own (from their profile) when absent",
                    example = "Europe/Berlin") String timeZone,
            @Size(max = 500) String location,
            @Size(max = 2000) String meetingLink,
            @Size(max = 10000) String agenda,
            @Schema(description = "true: a proposal the other participant accepts or declines") Boolean proposal,
            @Valid Recurrence recurrence) {
    }

    @Schema(name = "SessionRecurrence")
    public record Recurrence(
            @NotNull @Schema(description = "weekly, biweekly (every two weeks) or monthly") Cadence cadence,
            @NotNull @Min(2) @Max(Cadence.MAX_OCCURRENCES) Integer count) {
    }

    @Schema(name = "RescheduleSession")
    public record Reschedule(
            @NotNull LocalDateTime start,
            @Min(5) @Max(480) Integer durationMinutes,
            @Schema(description = "IANA time zone; unchanged when absent") String timeZone,
            @Size(max = 500) String location,
            @Size(max = 2000) String meetingLink) {
    }

    @Schema(name = "CancelSession")
    public record Cancel(@Size(max = 1000) @Schema(description = "Shown to the other participant, never in events")
                         String reason) {
    }

    @Schema(name = "SessionNote")
    public record Note(@NotNull @Size(max = 20000) String text) {
    }

    @Schema(name = "SessionAgenda")
    public record Agenda(@NotNull @Size(max = 10000) String agenda) {
    }
}
