package org.mentoring.session.goal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the goals API. In changes, an absent field stays as it is. */
public final class GoalRequests {

    private GoalRequests() {
    }

    @Schema(name = "NewGoal")
    public record Create(
            @NotNull UUID mentorshipId,
            @NotBlank @Size(max = 200) String title,
            @Size(max = 2000) @Schema(description = "Why the goal matters to the mentee") String whyItMatters,
            LocalDate targetDate,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> skills,
            @Size(max = 20) List<@NotBlank @Size(max = 200) String> milestones) {
    }

    @Schema(name = "GoalChange")
    public record Change(
            @Size(min = 1, max = 200) String title,
            @Size(max = 2000) String whyItMatters,
            LocalDate targetDate,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> skills,
            @Min(0) @Max(100) Integer progress,
            GoalStatus status) {
    }

    @Schema(name = "NewMilestone")
    public record NewMilestone(@NotBlank @Size(max = 200) String title) {
    }

    @Schema(name = "MilestoneChange")
    public record MilestoneChange(@Size(min = 1, max = 200) String title, Boolean done) {
    }

    @Schema(name = "NewActionItem")
    public record NewActionItem(
            @NotBlank @Size(max = 500) String title,
            @Schema(description = "A participant of the mentorship; the caller when absent") UUID ownerId,
            LocalDate dueDate) {
    }

    @Schema(name = "ActionItemChange")
    public record ActionItemChange(@Size(min = 1, max = 500) String title, LocalDate dueDate, Boolean done) {
    }

    @Schema(name = "NewGoalReview")
    public record NewReview(
            @NotNull @Schema(description = "The session of the same mentorship the goal was reviewed in") UUID sessionId,
            @NotNull @Min(0) @Max(100) Integer progress) {
    }
}
