package org.mentoring.feedback.readmodel;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.feedback.Sql;
import org.mentoring.platform.events.EventHandler;
import org.mentoring.platform.events.ReceivedEvent;

/** Programmes (their admins decide who sees reports) and enrolments (participation figures), from programme events. */
@ApplicationScoped
public class ProgramProjection implements EventHandler {

    static final String TOPIC = "mentoring.program.v1";
    static final String UPDATED = "mentoring.program.updated.v1";
    static final String ENROLLED = "mentoring.program.enrolled.v1";
    static final String UNENROLLED = "mentoring.program.unenrolled.v1";

    @Inject
    Sql sql;

    @Override
    public Set<String> topics() {
        return Set.of(TOPIC);
    }

    @Override
    public boolean handles(String type) {
        return UPDATED.equals(type) || ENROLLED.equals(type) || UNENROLLED.equals(type);
    }

    @Override
    public void apply(ReceivedEvent event) {
        if (UPDATED.equals(event.type())) {
            EventData.Program p = event.dataAs(EventData.Program.class);
            sql.update("""
                    INSERT INTO program (program_id, name, status, starts_on, ends_on, admin_ids, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (program_id) DO UPDATE SET name = excluded.name, status = excluded.status,
                        starts_on = excluded.starts_on, ends_on = excluded.ends_on, admin_ids = excluded.admin_ids,
                        version = excluded.version
                    WHERE program.version < excluded.version
                    """, EventData.require(p.programId(), "programId", event), EventData.require(p.name(), "name", event),
                    EventData.require(p.status(), "status", event), p.startsOn(), p.endsOn(), Sql.uuids(p.adminIds()),
                    EventData.require(p.version(), "version", event));
            return;
        }
        EventData.Enrolment e = event.dataAs(EventData.Enrolment.class);
        boolean enrolled = ENROLLED.equals(event.type());
        sql.update("""
                INSERT INTO enrolment (enrolment_id, program_id, profile_id, role, enrolled, changed_at)
                SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM person WHERE profile_id = ? AND erased)
                ON CONFLICT (enrolment_id) DO UPDATE SET enrolled = excluded.enrolled, changed_at = excluded.changed_at
                WHERE enrolment.changed_at <= excluded.changed_at AND enrolment.profile_id IS NOT NULL
                """, EventData.require(e.enrolmentId(), "enrolmentId", event),
                EventData.require(e.programId(), "programId", event), EventData.require(e.profileId(), "profileId", event),
                EventData.require(e.role(), "role", event), enrolled, EventData.require(e.changedAt(), "changedAt", event),
                e.profileId());
    }
}
