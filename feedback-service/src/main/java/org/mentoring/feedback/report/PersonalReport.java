package org.mentoring.feedback.report;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The caller's own figures: their mentoring as mentor and mentee, the answers they gave and kudos, and the mean
 * ratings others gave about them, suppressed under the minimum group size like every report figure.
 */
public record PersonalReport(UUID profileId, OffsetDateTime generatedAt, int minimumGroupSize, int suppressedFigures,
                             String note, long mentorshipsAsMentor, long mentorshipsAsMentee, long sessionsHeld,
                             long answersGiven, long kudosReceived, long kudosGiven,
                             ProgramReport.Ratings ratingsAboutYou, Figure netPromoterScoreAboutYou) {
}
