package org.mentoring.feedback.request;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.mentoring.feedback.Cursor;
import org.mentoring.feedback.Sql;
import org.mentoring.platform.web.ProblemException;

/** Reads of feedback requests for the person asked. */
@ApplicationScoped
public class RequestService {

    @Inject
    Sql sql;

    Clock clock = Clock.systemUTC();

    @Transactional
    public RequestView.Page openRequests(UUID profileId, String cursor, int size) {
        Cursor after = Cursor.decode(cursor);
        if (after == null) {
            after = Cursor.first();
        }
        List<FeedbackRequest> rows = sql.list("SELECT " + FeedbackRequest.COLUMNS + """
                 FROM feedback_request
                WHERE profile_id = ? AND status = 'open' AND expires_at > ? AND (created_at, id) < (?, ?)
                ORDER BY created_at DESC, id DESC LIMIT ?
                """, FeedbackRequest::read, profileId, OffsetDateTime.now(clock), after.at(), after.id(), size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            FeedbackRequest last = rows.get(size - 1);
            next = new Cursor(last.createdAt(), last.id()).encode();
        }
        return new RequestView.Page(rows.stream().map(RequestView::of).toList(), next);
    }

    /** A request of the given person; anyone else's is "not found", so ids reveal nothing. */
    @Transactional
    public FeedbackRequest get(UUID id, UUID profileId) {
        return sql.one("SELECT " + FeedbackRequest.COLUMNS + " FROM feedback_request WHERE id = ? AND profile_id = ?",
                FeedbackRequest::read, id, profileId)
                .orElseThrow(() -> ProblemException.notFound("Feedback request", id));
    }
}
