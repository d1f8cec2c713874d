package org.mentoring.feedback.answer;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.mentoring.feedback.Cursor;
import org.mentoring.feedback.Sql;
import org.mentoring.feedback.config.FeedbackConfig;
import org.mentoring.feedback.events.FeedbackEvents;
import org.mentoring.feedback.quality.MentorQualityService;
import org.mentoring.feedback.request.FeedbackRequest;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.ProblemType;

/**
 * Answers to feedback requests: only the person asked answers, once, and may change the answer within the edit
 * window. Each change publishes {@code mentoring.feedback.submitted.v1} (numbers only) and refreshes the quality of
 * the mentor it rates.
 */
@ApplicationScoped
public class AnswerService {

    @Inject
    Sql sql;

    @Inject
    FeedbackEvents events;

    @Inject
    MentorQualityService quality;

    @Inject
    FeedbackConfig config;

    Clock clock = Clock.systemUTC();

    @Transactional
    public Answer submit(UUID requestId, UUID authorId, AnswerInput input) {
        if (requestId == null) {
            throw ProblemException.invalid("requestId", "must not be null");
        }
        FeedbackRequest request = sql.one("SELECT " + requestColumns() + " FROM feedback_request "
                        + "WHERE id = ? AND profile_id = ? FOR UPDATE", FeedbackRequest::read, requestId, authorId)
                .orElseThrow(() -> ProblemException.notFound("Feedback request", requestId));
        OffsetDateTime now = now();
        if (FeedbackRequest.ANSWERED.equals(request.status())) {
            throw ProblemException.conflict("Feedback request " + requestId + " was already answered; "
                    + "change the answer with PUT /v1/feedback/{id} within the edit window");
        }
        if (!FeedbackRequest.OPEN.equals(request.status()) || !request.expiresAt().isAfter(now)) {
            throw new ProblemException(ProblemType.GONE, "Feedback request " + requestId + " is no longer open");
        }
        checkKind(request.kind(), input);
        String role = request.authorRole() != null ? request.authorRole() : roleIn(request.mentorshipId(), authorId);
        UUID id = UUID.randomUUID();
        Answer answer = sql.one("INSERT INTO feedback_answer (id, request_id, kind, author_id, about_profile_id, "
                        + "author_role, mentorship_id, session_id, program_id, rating, usefulness, preparation, "
                        + "learned_something, goal_progress, nps, would_repeat, comment, share_comment, submitted_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "
                        + Answer.COLUMNS, Answer::read,
                id, requestId, request.kind(), authorId, request.aboutProfileId(), role, request.mentorshipId(),
                request.sessionId(), request.programId(), input.rating(), input.usefulness(), input.preparation(),
                input.learnedSomething(), input.goalProgress(), input.nps(), input.wouldRepeat(),
                input.trimmedComment(), input.sharesComment(), now, now).orElseThrow();
        sql.update("UPDATE feedback_request SET status = 'answered', changed_at = ? WHERE id = ?", now, requestId);
        events.submitted(answer.eventData());
        refreshQuality(answer);
        return answer;
    }

    @Transactional
    public Answer edit(UUID answerId, UUID authorId, AnswerInput input) {
        Answer current = sql.one("SELECT " + Answer.COLUMNS + " FROM feedback_answer WHERE id = ? AND author_id = ? "
                        + "FOR UPDATE", Answer::read, answerId, authorId)
                .orElseThrow(() -> ProblemException.notFound("Feedback", answerId));
        if (input.requestId() != null && !input.requestId().equals(current.requestId())) {
            throw ProblemException.invalid("requestId", "is not the request this answer belongs to");
        }
        OffsetDateTime now = now();
        if (now.isAfter(editableUntil(current))) {
            throw ProblemException.conflict("Feedback " + answerId + " can no longer be changed: the edit window of "
                    + config.editWindow() + " after submission has passed");
        }
        checkKind(current.kind(), input);
        Answer answer = sql.one("UPDATE feedback_answer SET rating = ?, usefulness = ?, preparation = ?, "
                        + "learned_something = ?, goal_progress = ?, nps = ?, would_repeat = ?, comment = ?, "
                        + "share_comment = ?, updated_at = ? WHERE id = ? RETURNING " + Answer.COLUMNS, Answer::read,
                input.rating(), input.usefulness(), input.preparation(), input.learnedSomething(),
                input.goalProgress(), input.nps(), input.wouldRepeat(), input.trimmedComment(), input.sharesComment(),
                now, answerId).orElseThrow();
        events.submitted(answer.eventData());
        refreshQuality(answer);
        return answer;
    }

    /** An answer, to its author only; anyone else gets "not found". */
    @Transactional
    public Answer ownAnswer(UUID answerId, UUID authorId) {
        return sql.one("SELECT " + Answer.COLUMNS + " FROM feedback_answer WHERE id = ? AND author_id = ?",
                Answer::read, answerId, authorId).orElseThrow(() -> ProblemException.notFound("Feedback", answerId));
    }

    /** Feedback about the person, newest first, with comments only where their authors shared them. */
    @Transactional
    public AnswerView.ReceivedPage received(UUID profileId, String cursor, int size) {
        Cursor after = Cursor.decode(cursor);
        if (after == null) {
            after = Cursor.first();
        }
        List<Answer> rows = sql.list("SELECT id, request_id, kind, author_id, about_profile_id, author_role, "
                        + "mentorship_id, session_id, program_id, rating, usefulness, preparation, learned_something, "
                        + "goal_progress, nps, would_repeat, CASE WHEN share_comment THEN comment END AS comment, "
                        + "share_comment, submitted_at, updated_at FROM feedback_answer "
                        + "WHERE about_profile_id = ? AND (updated_at, id) < (?, ?) "
                        + "ORDER BY updated_at DESC, id DESC LIMIT ?", Answer::read,
                profileId, after.at(), after.id(), size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            Answer last = rows.get(size - 1);
            next = new Cursor(last.updatedAt(), last.id()).encode();
        }
        return new AnswerView.ReceivedPage(rows.stream().map(AnswerView.Received::of).toList(), next);
    }

    /** Every answer the person wrote, oldest first, for their data export. */
    @Transactional
    public List<AnswerView> allWrittenBy(UUID authorId) {
        return sql.list("SELECT " + Answer.COLUMNS + " FROM feedback_answer WHERE author_id = ? ORDER BY submitted_at, id",
                Answer::read, authorId).stream().map(a -> AnswerView.of(a, editableUntil(a))).toList();
    }

    public OffsetDateTime editableUntil(Answer answer) {
        return answer.submittedAt().plus(config.editWindow());
    }

    private void refreshQuality(Answer answer) {
        if ("mentee".equals(answer.authorRole())) {
            quality.refresh(answer.aboutProfileId());
        }
    }

    private static void checkKind(String kind, AnswerInput input) {
        if (!FeedbackRequest.END_SURVEY.equals(kind)) {
            if (input.nps() != null) {
                throw ProblemException.invalid("nps", "is asked only in end surveys");
            }
            if (input.wouldRepeat() != null) {
                throw ProblemException.invalid("wouldRepeat", "is asked only in end surveys");
            }
        }
    }

    private String roleIn(UUID mentorshipId, UUID profileId) {
        if (mentorshipId == null) {
            return null;
        }
        return sql.one("SELECT role FROM mentorship_participant WHERE mentorship_id = ? AND profile_id = ?",
                rs -> rs.getString("role"), mentorshipId, profileId).orElse(null);
    }

    private static String requestColumns() {
        return "id, profile_id, about_profile_id, author_role, kind, mentorship_id, session_id, program_id, "
                + "check_in_id, status, created_at, expires_at, changed_at";
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
