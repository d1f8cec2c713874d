package org.mentoring.feedback.checkin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.mentoring.feedback.Sql;
import org.mentoring.feedback.identity.CurrentPerson;
import org.mentoring.feedback.request.RequestIssuer;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.ProblemException;

/**
 * Programme check-ins: configured by an admin of the programme (or HR), issued on their dates by
 * {@link #issueDue()}, which replicas share through row locks.
 */
@ApplicationScoped
public class CheckInService {

    @Inject
    Sql sql;

    @Inject
    RequestIssuer issuer;

    Clock clock = Clock.systemUTC();

    @Transactional
    public CheckIn create(CheckIn.New input, CurrentPerson person) {
        requireAdmin(input.programId(), person);
        Cadence cadence = input.cadence() == null ? Cadence.once : input.cadence();
        if (input.untilOn() != null && input.untilOn().isBefore(input.firstOn())) {
            throw ProblemException.invalid("untilOn", "must not be before firstOn");
        }
        if (input.firstOn().isBefore(today().minusDays(1))) {
            throw ProblemException.invalid("firstOn", "must not be in the past");
        }
        UUID id = UUID.randomUUID();
        sql.update("INSERT INTO check_in (id, program_id, cadence, first_on, until_on, next_on, created_by, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, input.programId(), cadence.name(), input.firstOn(),
                input.untilOn(), input.firstOn(), person.profileId().orElse(null), OffsetDateTime.now(clock));
        issue(id);
        return get(id);
    }

    @Transactional
    public List<CheckIn> list(UUID programId, CurrentPerson person) {
        requireAdmin(programId, person);
        return sql.list("SELECT " + CheckIn.COLUMNS + " FROM check_in WHERE program_id = ? ORDER BY created_at DESC, id",
                CheckIn::read, programId);
    }

    @Transactional
    public void stop(UUID id, CurrentPerson person) {
        CheckIn checkIn = sql.one("SELECT " + CheckIn.COLUMNS + " FROM check_in WHERE id = ?", CheckIn::read, id)
                .orElseThrow(() -> ProblemException.notFound("Check-in", id));
        requireAdmin(checkIn.programId(), person);
        sql.update("UPDATE check_in SET stopped_at = coalesce(stopped_at, ?), next_on = NULL WHERE id = ?",
                OffsetDateTime.now(clock), id);
    }

    /** Issues every check-in due today or earlier; returns how many occurrences went out. */
    @Transactional
    public int issueDue() {
        List<UUID> due = sql.list("SELECT id FROM check_in WHERE next_on <= ? AND stopped_at IS NULL "
                + "ORDER BY next_on LIMIT 100 FOR UPDATE SKIP LOCKED", rs -> Sql.uuid(rs, "id"), today());
        due.forEach(this::issue);
        return due.size();
    }

    private void issue(UUID id) {
        CheckIn c = get(id);
        LocalDate today = today();
        if (c.nextOn() == null || c.nextOn().isAfter(today) || c.stoppedAt() != null) {
            return;
        }
        int occurrence = c.occurrences() + 1;
        issuer.issueCheckIn(id, occurrence, c.programId());
        LocalDate next = c.cadence().after(c.nextOn());
        while (next != null && !next.isAfter(today)) {
            next = c.cadence().after(next);
        }
        if (next != null && c.untilOn() != null && next.isAfter(c.untilOn())) {
            next = null;
        }
        sql.update("UPDATE check_in SET occurrences = ?, next_on = ? WHERE id = ?", occurrence, next, id);
    }

    private CheckIn get(UUID id) {
        return sql.one("SELECT " + CheckIn.COLUMNS + " FROM check_in WHERE id = ?", CheckIn::read, id).orElseThrow();
    }

    /** HR sees every programme; a programme admin only the programmes they run; others learn nothing. */
    void requireAdmin(UUID programId, CurrentPerson person) {
        boolean known = sql.count("SELECT count(*) FROM program WHERE program_id = ?", programId) > 0;
        if (person.hasRole(Caller.HR_ADMIN) && known) {
            return;
        }
        UUID me = person.profileId().orElse(null);
        boolean admin = me != null && person.hasRole(Caller.PROGRAM_ADMIN) && sql.count(
                "SELECT count(*) FROM program WHERE program_id = ? AND ? = ANY(admin_ids)", programId, me) > 0;
        if (!admin) {
            throw ProblemException.notFound("Programme", programId);
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
