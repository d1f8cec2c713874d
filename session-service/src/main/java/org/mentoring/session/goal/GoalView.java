package org.mentoring.session.goal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.session.participant.Access;

/**
 * A goal as one caller may see it: participants see it whole; programme admins and HR see metadata only (status,
 * progress, dates, skills and counts, {@code visibility: metadata}), never titles or reasons.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Goal")
public record GoalView(
        UUID id,
        UUID mentorshipId,
        @Schema(description = "The mentee whose goal it is") UUID ownerId,
        String title,
        String whyItMatters,
        LocalDate targetDate,
        List<String> skills,
        int progress,
        GoalStatus status,
        List<MilestoneView> milestones,
        int milestoneCount,
        int milestonesDone,
        int actionItemCount,
        int actionItemsDone,
        List<ReviewView> reviews,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String visibility) {

    @Schema(name = "Milestone")
    public record MilestoneView(UUID id, String title, boolean done) {
        static MilestoneView of(Milestone m) {
            return new MilestoneView(m.id, m.title, m.done);
        }
    }

    @Schema(name = "GoalReview")
    public record ReviewView(UUID id, UUID sessionId, UUID reviewedBy, int progress, OffsetDateTime reviewedAt) {
        static ReviewView of(GoalReview r) {
            return new ReviewView(r.id, r.sessionId, r.reviewedBy, r.progress, utc(r.reviewedAt));
        }
    }

    public static GoalView of(Goal g, Access access, List<Milestone> milestones, List<ActionItem> items,
                              List<GoalReview> reviews) {
        boolean full = access.full();
        return new GoalView(g.id, g.mentorshipId, g.ownerId, full ? g.title : null, full ? g.why : null,
                g.targetDate, g.skills, g.progress, g.status,
                full ? milestones.stream().map(MilestoneView::of).toList() : null, milestones.size(),
                (int) milestones.stream().filter(m -> m.done).count(), items.size(),
                (int) items.stream().filter(i -> i.done).count(), reviews.stream().map(ReviewView::of).toList(),
                g.version, utc(g.createdAt), utc(g.updatedAt), full ? "full" : "metadata");
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
