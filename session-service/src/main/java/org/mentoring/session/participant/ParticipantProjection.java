package org.mentoring.session.participant;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.mentoring.platform.events.EventHandler;
import org.mentoring.platform.events.ReceivedEvent;
import org.mentoring.session.calendar.CalendarService;
import org.mentoring.session.goal.GoalService;
import org.mentoring.session.session.CancelReason;
import org.mentoring.session.session.SessionService;

/**
 * Keeps the participants read model from profile, mentorship and programme events. Rows only move to higher
 * versions, so redelivered or late events never overwrite newer data. The consequences run in the same
 * transaction: an ended mentorship or a departed person loses their future sessions (with events), and erasure
 * leaves only a tombstone (id and version) and no personal data.
 */
@ApplicationScoped
public class ParticipantProjection implements EventHandler {

    static final String PROFILE_TOPIC = "mentoring.profile.v1";
    static final String MENTORSHIP_TOPIC = "mentoring.mentorship.v1";
    static final String PROGRAM_TOPIC = "mentoring.program.v1";
    static final String PROFILE_DEACTIVATED = "mentoring.profile.deactivated.v1";
    static final String PROFILE_ERASED = "mentoring.profile.erased.v1";
    static final String PROGRAM_UPDATED = "mentoring.program.updated.v1";
    static final String MENTORSHIP_ENDED = "mentoring.mentorship.ended.v1";
    static final Set<String> PROFILE_STATES = Set.of("mentoring.profile.created.v1", "mentoring.profile.updated.v1",
            PROFILE_DEACTIVATED);

    @Inject
    EntityManager em;

    @Inject
    SessionService sessions;

    @Inject
    GoalService goals;

    @Inject
    CalendarService calendars;

    @Override
    public Set<String> topics() {
        return Set.of(PROFILE_TOPIC, MENTORSHIP_TOPIC, PROGRAM_TOPIC);
    }

    @Override
    public boolean handles(String type) {
        return PROFILE_STATES.contains(type) || PROFILE_ERASED.equals(type) || PROGRAM_UPDATED.equals(type)
                || type.startsWith("mentoring.mentorship.");
    }

    @Override
    public void apply(ReceivedEvent event) {
        if (PROFILE_ERASED.equals(event.type())) {
            erase(event.dataAs(ParticipantEvents.ProfileErased.class), event);
        } else if (PROFILE_STATES.contains(event.type())) {
            profile(event.dataAs(ParticipantEvents.ProfileChanged.class), event);
        } else if (PROGRAM_UPDATED.equals(event.type())) {
            program(event.dataAs(ParticipantEvents.ProgramChanged.class), event);
        } else {
            mentorship(event.dataAs(ParticipantEvents.MentorshipChanged.class), event);
        }
    }

    private void profile(ParticipantEvents.ProfileChanged p, ReceivedEvent event) {
        require(p.profileId() != null && p.status() != null && p.version() != null, event);
        int changed = em.createNativeQuery("""
                        INSERT INTO person (profile_id, external_id, display_name, email, time_zone, status, version)
                        VALUES (:id, :ext, :name, :email, :tz, :status, :version)
                        ON CONFLICT (profile_id) DO UPDATE SET external_id = excluded.external_id,
                            display_name = excluded.display_name, email = excluded.email,
                            time_zone = excluded.time_zone, status = excluded.status, version = excluded.version,
                            applied_at = now()
                        WHERE person.version < excluded.version AND NOT person.erased""")
                .setParameter("id", p.profileId()).setParameter("ext", p.externalId())
                .setParameter("name", p.displayName()).setParameter("email", p.email())
                .setParameter("tz", p.timeZone()).setParameter("status", p.status())
                .setParameter("version", p.version()).executeUpdate();
        if (changed > 0 && "terminated".equals(p.status())) {
            sessions.cancelFutureOfPerson(p.profileId(), CancelReason.participant_left);
        }
    }

    private void erase(ParticipantEvents.ProfileErased e, ReceivedEvent event) {
        require(e.profileId() != null && e.version() != null, event);
        UUID id = e.profileId();
        em.createNativeQuery("""
                        INSERT INTO person (profile_id, status, erased, version) VALUES (:id, 'erased', TRUE, :version)
                        ON CONFLICT (profile_id) DO UPDATE SET external_id = NULL, display_name = NULL, email = NULL,
                            time_zone = NULL, status = 'erased', erased = TRUE,
                            version = GREATEST(person.version, excluded.version), applied_at = now()""")
                .setParameter("id", id).setParameter("version", e.version()).executeUpdate();
        em.clear();
        sessions.cancelFutureOfPerson(id, CancelReason.participant_left);
        sessions.eraseNotesOf(id);
        goals.eraseOf(id);
        calendars.erase(id);
        // Dead letters of the person's own profile events hold their whole profile (name, email, employee id); those
        // of other topics name people by id only, and stay for whoever replays them.
        em.createNativeQuery("DELETE FROM dead_letter WHERE topic = 'mentoring.profile.v1' AND record_key = :k")
                .setParameter("k", id.toString()).executeUpdate();
    }

    private void program(ParticipantEvents.ProgramChanged p, ReceivedEvent event) {
        require(p.programId() != null && p.version() != null, event);
        int changed = em.createNativeQuery("""
                        INSERT INTO program (program_id, version) VALUES (:id, :version)
                        ON CONFLICT (program_id) DO UPDATE SET version = excluded.version
                        WHERE program.version < excluded.version""")
                .setParameter("id", p.programId()).setParameter("version", p.version()).executeUpdate();
        if (changed == 0) {
            return;
        }
        em.createNativeQuery("DELETE FROM program_admin WHERE program_id = :id").setParameter("id", p.programId())
                .executeUpdate();
        for (UUID admin : p.adminIds() == null ? java.util.List.<UUID>of() : p.adminIds()) {
            em.createNativeQuery("INSERT INTO program_admin (program_id, admin_id) VALUES (:id, :admin)")
                    .setParameter("id", p.programId()).setParameter("admin", admin).executeUpdate();
        }
    }

    private void mentorship(ParticipantEvents.MentorshipChanged m, ReceivedEvent event) {
        require(m.mentorshipId() != null && m.mentorId() != null && m.menteeId() != null && m.status() != null
                && m.version() != null, event);
        int changed = em.createNativeQuery("""
                        INSERT INTO mentorship (mentorship_id, kind, program_id, mentor_id, mentee_id, status, version)
                        VALUES (:id, :kind, :program, :mentor, :mentee, :status, :version)
                        ON CONFLICT (mentorship_id) DO UPDATE SET kind = excluded.kind,
                            program_id = excluded.program_id, status = excluded.status, version = excluded.version,
                            applied_at = now()
                        WHERE mentorship.version < excluded.version""")
                .setParameter("id", m.mentorshipId()).setParameter("kind", m.kind())
                .unwrap(org.hibernate.query.NativeQuery.class).setParameter("program", m.programId(), UUID.class)
                .setParameter("mentor", m.mentorId())
                .setParameter("mentee", m.menteeId()).setParameter("status", m.status())
                .setParameter("version", m.version()).executeUpdate();
        em.clear();
        if (changed > 0 && (MENTORSHIP_ENDED.equals(event.type()) || "ended".equals(m.status())
                || "completed".equals(m.status()))) {
            sessions.cancelFutureOfMentorship(m.mentorshipId(), CancelReason.mentorship_ended);
        }
    }

    private static void require(boolean valid, ReceivedEvent event) {
        if (!valid) {
            throw new ReceivedEvent.UnreadableEventException(event.type() + " " + event.id()
                    + " lacks the fields session-service reads", null);
        }
    }
}
