package org.mentoring.feedback.kudos;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.mentoring.feedback.Sql;

/** Thanks from one colleague to another, with the skills the help was about. */
public record Kudos(UUID id, UUID fromProfileId, UUID toProfileId, String message, List<String> skills,
                    UUID mentorshipId, OffsetDateTime givenAt) {

    static final String COLUMNS = "id, from_profile_id, to_profile_id, message, skills, mentorship_id, given_at";

    static Kudos read(ResultSet rs) throws SQLException {
        return new Kudos(Sql.uuid(rs, "id"), Sql.uuid(rs, "from_profile_id"), Sql.uuid(rs, "to_profile_id"),
                rs.getString("message"), Sql.textList(rs, "skills"), Sql.uuid(rs, "mentorship_id"),
                Sql.time(rs, "given_at"));
    }

    public record New(@NotNull UUID toProfileId,
                      @NotBlank @Size(max = 2000) String message,
                      @Size(max = 10) List<@NotBlank @Size(max = 80) String> skills,
                      UUID mentorshipId) {
    }

    public record Page(List<Kudos> items, String nextCursor) {
    }
}
