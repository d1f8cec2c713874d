package org.mentoring.feedback.events;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.platform.events.Outbox;

/**
 * What feedback-service publishes, shaped as docs/asyncapi.yaml says. Feedback events are keyed by the request id so
 * a request and its answer stay in order; events carry ids and numbers, never comments or kudos messages.
 */
@ApplicationScoped
public class FeedbackEvents {

    public static final String FEEDBACK_TOPIC = "mentoring.feedback.v1";
    public static final String KUDOS_TOPIC = "mentoring.kudos.v1";
    public static final String QUALITY_TOPIC = "mentoring.mentor-quality.v1";
    public static final String REQUESTED = "mentoring.feedback.requested.v1";
    public static final String SUBMITTED = "mentoring.feedback.submitted.v1";
    public static final String CLOSED = "mentoring.feedback.closed.v1";
    public static final String KUDOS_GIVEN = "mentoring.kudos.given.v1";
    public static final String QUALITY_CHANGED = "mentoring.mentor-quality.changed.v1";

    @Inject
    Outbox outbox;

    public void requested(RequestData data) {
        outbox.append(FEEDBACK_TOPIC, REQUESTED, data.requestId().toString(), data.requestId().toString(), data);
    }

    public void closed(RequestData data) {
        outbox.append(FEEDBACK_TOPIC, CLOSED, data.requestId().toString(), data.requestId().toString(), data);
    }

    public void submitted(SubmittedData data) {
        outbox.append(FEEDBACK_TOPIC, SUBMITTED, data.requestId().toString(), data.feedbackId().toString(), data);
    }

    public void kudosGiven(KudosData data) {
        outbox.append(KUDOS_TOPIC, KUDOS_GIVEN, data.kudosId().toString(), data.kudosId().toString(), data);
    }

    public void qualityChanged(QualityData data) {
        outbox.append(QUALITY_TOPIC, QUALITY_CHANGED, data.profileId().toString(), data.profileId().toString(), data);
    }

    /** {@code FeedbackRequest} in the catalogue. */
    public record RequestData(UUID requestId, UUID profileId, UUID aboutProfileId, String kind, UUID mentorshipId,
                              UUID sessionId, UUID programId, String status, OffsetDateTime expiresAt,
                              OffsetDateTime changedAt) {
    }

    /** {@code FeedbackSubmitted} in the catalogue. */
    public record SubmittedData(UUID feedbackId, UUID requestId, String kind, UUID authorId, UUID aboutProfileId,
                                String authorRole, UUID mentorshipId, UUID sessionId, UUID programId, int rating,
                                Integer usefulness, Integer preparation, Integer learnedSomething,
                                Integer goalProgress, Integer nps, Boolean wouldRepeat, OffsetDateTime submittedAt) {
    }

    /** {@code KudosGiven} in the catalogue: who thanked whom for which skills, never the message. */
    public record KudosData(UUID kudosId, UUID fromProfileId, UUID toProfileId, List<String> skills,
                            UUID mentorshipId, OffsetDateTime givenAt) {
    }

    /** {@code MentorQuality} in the catalogue. */
    public record QualityData(UUID profileId, BigDecimal quality, int ratingCount, long version,
                              OffsetDateTime changedAt) {
    }
}
