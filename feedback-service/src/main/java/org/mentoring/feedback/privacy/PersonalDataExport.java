package org.mentoring.feedback.privacy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.mentoring.feedback.answer.AnswerView;
import org.mentoring.feedback.kudos.Kudos;
import org.mentoring.feedback.request.RequestView;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Everything feedback-service holds about one person: requests they were sent, answers they wrote, feedback about
 * them as they may see it (shared comments, no individual ratings), kudos given and received, their mentor quality.
 */
@Schema(name = "FeedbackDataExport")
public record PersonalDataExport(UUID profileId, OffsetDateTime exportedAt, List<RequestView> requests,
                                 List<AnswerView> answersWritten, List<AnswerView.Received> feedbackReceived,
                                 List<Kudos> kudosGiven, List<Kudos> kudosReceived, MentorQuality mentorQuality) {

    public record MentorQuality(BigDecimal quality, int ratingCount, OffsetDateTime changedAt) {
    }
}
