package org.mentoring.feedback.answer;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An answer to a feedback request. {@code nps} and {@code wouldRepeat} belong to end surveys only. The comment
 * reaches the other participant only when {@code shareCommentWithOther} is true; ratings only ever reach aggregates.
 */
public record AnswerInput(
        UUID requestId,
        @NotNull @Min(1) @Max(5) Integer rating,
        @Min(1) @Max(5) Integer usefulness,
        @Min(1) @Max(5) Integer preparation,
        @Min(1) @Max(5) Integer learnedSomething,
        @Min(0) @Max(100) Integer goalProgress,
        @Size(max = 4000) String comment,
        Boolean shareCommentWithOther,
        @Min(0) @Max(10) Integer nps,
        Boolean wouldRepeat) {

    public boolean sharesComment() {
        return Boolean.TRUE.equals(shareCommentWithOther);
    }

    public String trimmedComment() {
        return comment == null || comment.isBlank() ? null : comment.strip();
    }
}
