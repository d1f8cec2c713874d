package org.mentoring.feedback.request;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.mentoring.feedback.Sql;
import org.mentoring.feedback.events.FeedbackEvents;

/** One request for feedback to one person: after a session, at the end of a mentorship, or for a check-in. */
public record FeedbackRequest(UUID id, UUID profileId, UUID aboutProfileId, String authorRole, String kind,
                              UUID mentorshipId, UUID sessionId, UUID programId, UUID checkInId, String status,
                              OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime changedAt) {

    public static final String OPEN = "open";
    public static final String ANSWERED = "answered";
    public static final String EXPIRED = "expired";
    public static final String CLOSED = "closed";
    public static final String END_SURVEY = "end_survey";

    static final String COLUMNS = "id, profile_id, about_profile_id, author_role, kind, mentorship_id, session_id, "
            + "program_id, check_in_id, status, created_at, expires_at, changed_at";

    public static FeedbackRequest read(ResultSet rs) throws SQLException {
        return new FeedbackRequest(Sql.uuid(rs, "id"), Sql.uuid(rs, "profile_id"), Sql.uuid(rs, "about_profile_id"),
                rs.getString("author_role"), rs.getString("kind"), Sql.uuid(rs, "mentorship_id"),
                Sql.uuid(rs, "session_id"), Sql.uuid(rs, "program_id"), Sql.uuid(rs, "check_in_id"),
                rs.getString("status"), Sql.time(rs, "created_at"), Sql.time(rs, "expires_at"),
                Sql.time(rs, "changed_at"));
    }

    public boolean isEndSurvey() {
        return END_SURVEY.equals(kind);
    }

    public FeedbackEvents.RequestData eventData() {
        return new FeedbackEvents.RequestData(id, profileId, aboutProfileId, kind, mentorshipId, sessionId, programId,
                status, expiresAt, changedAt);
    }
}
