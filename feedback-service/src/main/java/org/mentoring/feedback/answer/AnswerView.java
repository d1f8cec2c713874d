package org.mentoring.feedback.answer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An answer as its author sees it: everything they wrote, and until when they may still change it. */
public record AnswerView(UUID id, UUID requestId, String kind, UUID aboutProfileId, UUID mentorshipId,
                         UUID sessionId, int rating, Integer usefulness, Integer preparation,
                         Integer learnedSomething, Integer goalProgress, String comment,
                         boolean shareCommentWithOther, Integer nps, Boolean wouldRepeat,
                         OffsetDateTime submittedAt, OffsetDateTime updatedAt, OffsetDateTime editableUntil) {

    static AnswerView of(Answer a, OffsetDateTime editableUntil) {
        return new AnswerView(a.id(), a.requestId(), a.kind(), a.aboutProfileId(), a.mentorshipId(), a.sessionId(),
                a.rating(), a.usefulness(), a.preparation(), a.learnedSomething(), a.goalProgress(), a.comment(),
                a.shareComment(), a.nps(), a.wouldRepeat(), a.submittedAt(), a.updatedAt(), editableUntil);
    }

    /**
     * Feedback about the caller, as the other participant sees it: which mentorship and session it was about and
     * the comment if its author chose to share it. Never the ratings, which only reach aggregates.
     */
    public record Received(UUID id, String kind, UUID fromProfileId, UUID mentorshipId, UUID sessionId,
                           String comment, OffsetDateTime submittedAt) {

        static Received of(Answer a) {
            return new Received(a.id(), a.kind(), a.authorId(), a.mentorshipId(), a.sessionId(), a.comment(),
                    a.updatedAt());
        }
    }

    public record ReceivedPage(List<Received> items, String nextCursor) {
    }
}
