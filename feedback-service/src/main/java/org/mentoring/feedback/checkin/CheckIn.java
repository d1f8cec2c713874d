package org.mentoring.feedback.checkin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import org.mentoring.feedback.Sql;

/** A check-in a programme admin configured: feedback requests to the programme's active pairs, once or repeatedly. */
public record CheckIn(UUID id, UUID programId, Cadence cadence, LocalDate firstOn, LocalDate untilOn,
                      LocalDate nextOn, int occurrences, OffsetDateTime createdAt, OffsetDateTime stoppedAt) {

    static final String COLUMNS = "id, program_id, cadence, first_on, until_on, next_on, occurrences, created_at, "
            + "stopped_at";

    static CheckIn read(ResultSet rs) throws SQLException {
        return new CheckIn(Sql.uuid(rs, "id"), Sql.uuid(rs, "program_id"), Cadence.valueOf(rs.getString("cadence")),
                rs.getObject("first_on", LocalDate.class), rs.getObject("until_on", LocalDate.class),
                rs.getObject("next_on", LocalDate.class), rs.getInt("occurrences"), Sql.time(rs, "created_at"),
                Sql.time(rs, "stopped_at"));
    }

    /** A new check-in: {@code cadence} once (the default), weekly, biweekly or monthly, from {@code firstOn}. */
    public record New(@NotNull UUID programId, @NotNull LocalDate firstOn, Cadence cadence, LocalDate untilOn) {
    }

    public record Page(List<CheckIn> items, String nextCursor) {
    }
}
