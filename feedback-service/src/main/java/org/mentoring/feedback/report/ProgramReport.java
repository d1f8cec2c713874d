package org.mentoring.feedback.report;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A programme's report. Every figure says how many answers or people it is drawn from; figures drawn from fewer
 * than {@code minimumGroupSize} are suppressed, and {@code suppressedFigures} says how many were.
 */
public record ProgramReport(UUID programId, String programName, OffsetDateTime generatedAt, int minimumGroupSize,
                            int suppressedFigures, String note, Participation participation,
                            Figure medianDaysFromMatchToFirstSession, Figure sessionsPerPairPerMonth,
                            Ratings averageRatings, Figure netPromoterScore, Figure goalCompletionRate,
                            Figure participantsStillActiveAtEndPercent, List<Breakdown> byDepartment,
                            List<Breakdown> byLevel, List<Breakdown> byLocation) {

    /** People enrolled; matched (in a mentorship that started); in an active one now; in a completed one. */
    public record Participation(Figure enrolled, Figure matched, Figure active, Figure completed) {
    }

    /** Mean answers on the 1-5 scales, and mean goal progress (0-100) reported in answers. */
    public record Ratings(Figure rating, Figure usefulness, Figure preparation, Figure learnedSomething,
                         Figure goalProgress) {
    }

    /** One group of participants (e.g. a department): how many, how many answers they gave, their mean rating. */
    public record Breakdown(String group, Figure participants, Figure answers, Figure averageRating) {
    }
}
