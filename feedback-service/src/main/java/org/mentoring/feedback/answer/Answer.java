package org.mentoring.feedback.answer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.mentoring.feedback.Sql;
import org.mentoring.feedback.events.FeedbackEvents;

/** A stored answer. {@code authorId} and {@code comment} are null once the author was erased. */
public record Answer(UUID id, UUID requestId, String kind, UUID authorId, UUID aboutProfileId, String authorRole,
                     UUID mentorshipId, UUID sessionId, UUID programId, int rating, Integer usefulness,
                     Integer preparation, Integer learnedSomething, Integer goalProgress, Integer nps,
                     Boolean wouldRepeat, String comment, boolean shareComment, OffsetDateTime submittedAt,
                     OffsetDateTime updatedAt) {

    static final String COLUMNS = "id, request_id, kind, author_id, about_profile_id, author_role, mentorship_id, "
            + "session_id, program_id, rating, usefulness, preparation, learned_something, goal_progress, nps, "
            + "would_repeat, comment, share_comment, submitted_at, updated_at";

    public static Answer read(ResultSet rs) throws SQLException {
        return new Answer(Sql.uuid(rs, "id"), Sql.uuid(rs, "request_id"), rs.getString("kind"),
                Sql.uuid(rs, "author_id"), Sql.uuid(rs, "about_profile_id"), rs.getString("author_role"),
                Sql.uuid(rs, "mentorship_id"), Sql.uuid(rs, "session_id"), Sql.uuid(rs, "program_id"),
                rs.getInt("rating"), Sql.integer(rs, "usefulness"), Sql.integer(rs, "preparation"),
                Sql.integer(rs, "learned_something"), Sql.integer(rs, "goal_progress"), Sql.integer(rs, "nps"),
                Sql.bool(rs, "would_repeat"), rs.getString("comment"), rs.getBoolean("share_comment"),
                Sql.time(rs, "submitted_at"), Sql.time(rs, "updated_at"));
    }

    FeedbackEvents.SubmittedData eventData() {
        return new FeedbackEvents.SubmittedData(id, requestId, kind, authorId, aboutProfileId, authorRole,
                mentorshipId, sessionId, programId, rating, usefulness, preparation, learnedSomething, goalProgress,
                nps, wouldRepeat, updatedAt);
    }
}
