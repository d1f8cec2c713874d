package org.mentoring.session.session;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.Problem;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.ProblemType;
import org.mentoring.session.events.SessionEvents;
import org.mentoring.session.participant.Access;
import org.mentoring.session.participant.Mentorship;
import org.mentoring.session.participant.MentorshipAccess;
import org.mentoring.session.participant.Person;

/**
 * The rules of sessions: who may schedule, propose, accept, move, cancel and close them, the conflict check against
 * each participant's other sessions, and the cancellations that follow when a mentorship ends or a person leaves.
 * Each public method is one transaction; its events go to the outbox in that transaction.
 */
@ApplicationScoped
public class SessionService {

    @Inject
    EntityManager em;

    @Inject
    SessionEvents events;

    /** A session together with how the caller sees it. */
    public record Seen(Session session, Access access, String privateNote) {
        public SessionView view() {
            return SessionView.of(session, access, privateNote);
        }
    }

    @Transactional
    public List<Seen> schedule(SessionRequests.Schedule request, MentorshipAccess access) {
        Mentorship mentorship = lockMentorship(request.mentorshipId(), access);
        UUID me = access.requireParticipant(mentorship, "Mentorship", request.mentorshipId());
        requireRunning(mentorship);
        requirePresent(mentorship);
        ZoneId zone = zone(request.timeZone() != null ? request.timeZone() : ownTimeZone(me));
        ZonedDateTime first = request.start().atZone(zone);
        int count = request.recurrence() == null ? 1 : request.recurrence().count();
        List<ZonedDateTime> starts = request.recurrence() == null ? List.of(first)
                : request.recurrence().cadence().occurrences(first, count);
        UUID seriesId = null;
        if (request.recurrence() != null) {
            seriesId = UUID.randomUUID();
            em.createNativeQuery("INSERT INTO session_series (id, mentorship_id, rrule) VALUES (:id, :m, :r)")
                    .setParameter("id", seriesId).setParameter("m", mentorship.mentorshipId)
                    .setParameter("r", request.recurrence().cadence().rrule(count)).executeUpdate();
        }
        boolean proposal = Boolean.TRUE.equals(request.proposal());
        Instant now = Instant.now();
        List<Seen> created = new ArrayList<>();
        for (ZonedDateTime start : starts) {
            Session s = new Session();
            s.id = UUID.randomUUID();
            s.mentorshipId = mentorship.mentorshipId;
            s.seriesId = seriesId;
            s.mentorId = mentorship.mentorId;
            s.menteeId = mentorship.menteeId;
            s.organizerId = me;
            s.proposedBy = proposal ? me : null;
            s.status = proposal ? SessionStatus.proposed : SessionStatus.scheduled;
            s.placeAt(start, request.durationMinutes());
            s.location = request.location();
            s.meetingLink = request.meetingLink();
            s.agenda = request.agenda();
            s.sequence = 0;
            s.version = 1;
            s.createdAt = now;
            s.updatedAt = now;
            requireNoConflict(s);
            em.persist(s);
            em.flush();
            if (!proposal) {
                events.publish(SessionEvents.SCHEDULED, s, mentorship.programId);
            }
            created.add(new Seen(s, Access.PARTICIPANT, null));
        }
        return created;
    }

    @Transactional
    public Seen get(UUID id, MentorshipAccess access) {
        Session s = find(id);
        Access level = access.require(mentorshipOf(s), "Session", id);
        return seen(s, level, access);
    }

    @Transactional
    public Seen accept(UUID id, MentorshipAccess access) {
        Session s = findForUpdate(id);
        UUID me = access.requireParticipant(mentorshipOf(s), "Session", id);
        requireAnswerable(s, me);
        requireRunning(mentorshipOf(s));
        requirePresent(mentorshipOf(s));
        requireNoConflict(s);
        s.status = SessionStatus.scheduled;
        s.proposedBy = null;
        s.changed(Instant.now());
        events.publish(SessionEvents.SCHEDULED, s, mentorshipOf(s).programId);
        return seen(s, Access.PARTICIPANT, access);
    }

    @Transactional
    public Seen decline(UUID id, MentorshipAccess access) {
        Session s = findForUpdate(id);
        UUID me = access.requireParticipant(mentorshipOf(s), "Session", id);
        requireAnswerable(s, me);
        s.status = SessionStatus.cancelled;
        s.cancelReason = CancelReason.participant;
        s.changed(Instant.now());
        return seen(s, Access.PARTICIPANT, access);
    }

    /**
     * Moves an open session. A scheduled session stays scheduled (same UID, higher SEQUENCE, a rescheduled event);
     * moving the other participant's proposal makes it a counter-proposal that they answer.
     */
    @Transactional
    public Seen reschedule(UUID id, SessionRequests.Reschedule request, MentorshipAccess access) {
        Session s = findForUpdate(id);
        UUID me = access.requireParticipant(mentorshipOf(s), "Session", id);
        requireOpen(s, "rescheduled");
        requireRunning(mentorshipOf(s));
        requirePresent(mentorshipOf(s));
        ZoneId zone = request.timeZone() == null ? ZoneId.of(s.timeZone) : zone(request.timeZone());
        int minutes = request.durationMinutes() == null ? s.durationMinutes : request.durationMinutes();
        s.placeAt(request.start().atZone(zone), minutes);
        if (request.location() != null) {
            s.location = request.location();
        }
        if (request.meetingLink() != null) {
            s.meetingLink = request.meetingLink();
        }
        requireNoConflict(s);
        s.changed(Instant.now());
        if (s.status == SessionStatus.scheduled) {
            events.publish(SessionEvents.RESCHEDULED, s, mentorshipOf(s).programId);
        } else {
            s.proposedBy = me;
        }
        return seen(s, Access.PARTICIPANT, access);
    }

    @Transactional
    public Seen cancel(UUID id, String note, MentorshipAccess access) {
        Session s = findForUpdate(id);
        access.requireParticipant(mentorshipOf(s), "Session", id);
        requireOpen(s, "cancelled");
        s.cancelNote = note == null || note.isBlank() ? null : note.strip();
        cancel(s, CancelReason.participant, Instant.now());
        return seen(s, Access.PARTICIPANT, access);
    }

    @Transactional
    public Seen markHeld(UUID id, MentorshipAccess access) {
        return close(id, SessionStatus.held, SessionEvents.COMPLETED, access);
    }

    @Transactional
    public Seen markMissed(UUID id, MentorshipAccess access) {
        return close(id, SessionStatus.missed, SessionEvents.MISSED, access);
    }

    @Transactional
    public Seen setSharedNotes(UUID id, String text, MentorshipAccess access) {
        Session s = findForUpdate(id);
        access.requireParticipant(mentorshipOf(s), "Session", id);
        s.sharedNotes = text.isBlank() ? null : text;
        s.updatedAt = Instant.now();
        return seen(s, Access.PARTICIPANT, access);
    }

    @Transactional
    public Seen setAgenda(UUID id, String agenda, MentorshipAccess access) {
        Session s = findForUpdate(id);
        access.requireParticipant(mentorshipOf(s), "Session", id);
        requireOpen(s, "given a new agenda");
        s.agenda = agenda.isBlank() ? null : agenda;
        s.updatedAt = Instant.now();
        return seen(s, Access.PARTICIPANT, access);
    }

    @Transactional
    public Seen setPrivateNote(UUID id, String text, MentorshipAccess access) {
        Session s = find(id);
        UUID me = access.requireParticipant(mentorshipOf(s), "Session", id);
        if (text.isBlank()) {
            em.createNativeQuery("DELETE FROM private_note WHERE session_id = :s AND author_id = :a")
                    .setParameter("s", id).setParameter("a", me).executeUpdate();
        } else {
            em.createNativeQuery("""
                    INSERT INTO private_note (session_id, author_id, text, updated_at) VALUES (:s, :a, :t, now())
                    ON CONFLICT (session_id, author_id) DO UPDATE SET text = excluded.text, updated_at = now()
                    """).setParameter("s", id).setParameter("a", me).setParameter("t", text).executeUpdate();
        }
        return seen(s, Access.PARTICIPANT, access);
    }

    @Transactional
    public SessionPage list(SessionQuery query, MentorshipAccess access) {
        Optional<UUID> me = access.me().profileId();
        boolean hr = access.me().caller().hasRole(Caller.HR_ADMIN);
        boolean programAdmin = access.me().caller().hasRole(Caller.PROGRAM_ADMIN);
        StringBuilder sql = new StringBuilder("SELECT s.* FROM session s WHERE ");
        Map<String, Object> params = new HashMap<>();
        if (hr) {
            sql.append("TRUE");
        } else {
            sql.append("(s.mentor_id = :me OR s.mentee_id = :me");
            if (programAdmin) {
                sql.append(" OR s.mentorship_id IN (SELECT m.mentorship_id FROM mentorship m JOIN program_admin pa"
                        + " ON pa.program_id = m.program_id WHERE pa.admin_id = :me)");
            }
            sql.append(")");
            params.put("me", me.orElse(new UUID(0, 0)));
        }
        if (query.mentorshipId() != null) {
            sql.append(" AND s.mentorship_id = :mentorship");
            params.put("mentorship", query.mentorshipId());
        }
        if (query.participant() != null) {
            sql.append(" AND (s.mentor_id = :participant OR s.mentee_id = :participant)");
            params.put("participant", query.participant());
        }
        if (query.from() != null) {
            sql.append(" AND s.ends_at > :from");
            params.put("from", query.from().toInstant());
        }
        if (query.to() != null) {
            sql.append(" AND s.starts_at < :to");
            params.put("to", query.to().toInstant());
        }
        if (query.status() != null) {
            sql.append(" AND s.status = :status");
            params.put("status", query.status().name());
        }
        if (query.cursor() != null) {
            PageCursor after = PageCursor.decode(query.cursor());
            sql.append(" AND (s.starts_at, s.id) > (:afterStart, :afterId)");
            params.put("afterStart", after.at());
            params.put("afterId", after.id());
        }
        sql.append(" ORDER BY s.starts_at, s.id LIMIT :limit");
        params.put("limit", query.limit() + 1);
        Query q = em.createNativeQuery(sql.toString(), Session.class);
        params.forEach(q::setParameter);
        @SuppressWarnings("unchecked")
        List<Session> rows = q.getResultList();
        boolean more = rows.size() > query.limit();
        List<Session> page = more ? rows.subList(0, query.limit()) : rows;
        Map<UUID, String> notes = me.map(id -> privateNotes(page, id)).orElse(Map.of());
        List<SessionView> items = page.stream().map(s -> {
            Access level = me.isPresent() && s.hasParticipant(me.get()) ? Access.PARTICIPANT : Access.OVERSEER;
            return SessionView.of(s, level, notes.get(s.id));
        }).toList();
        String next = more ? new PageCursor(page.get(page.size() - 1).startsAt, page.get(page.size() - 1).id)
                .encode() : null;
        return new SessionPage(items, next);
    }

    /** Cancels a mentorship's sessions that have not started yet (the mentorship ended). */
    @Transactional
    public int cancelFutureOfMentorship(UUID mentorshipId, CancelReason reason) {
        return cancelAll(em.createQuery("FROM Session WHERE mentorshipId = :m AND startsAt > :now"
                        + " AND status IN :open ORDER BY startsAt", Session.class)
                .setParameter("m", mentorshipId), reason);
    }

    /** Cancels a person's sessions that have not started yet (the person left or was erased). */
    @Transactional
    public int cancelFutureOfPerson(UUID profileId, CancelReason reason) {
        return cancelAll(em.createQuery("FROM Session WHERE (mentorId = :p OR menteeId = :p) AND startsAt > :now"
                        + " AND status IN :open ORDER BY startsAt", Session.class)
                .setParameter("p", profileId), reason);
    }

    /**
     * Removes what an erased person wrote: their private notes, and the shared notes, agenda and cancellation
     * words of their sessions (written together with them).
     */
    @Transactional
    public void eraseNotesOf(UUID profileId) {
        em.createNativeQuery("DELETE FROM private_note WHERE author_id = :p").setParameter("p", profileId)
                .executeUpdate();
        // The place and the meeting link too: a room or a personal meeting link often names its owner
        // ("Jane's office", a personal video room), and calendar feeds serve both.
        em.createQuery("UPDATE Session SET sharedNotes = NULL, agenda = NULL, cancelNote = NULL, location = NULL, "
                        + "meetingLink = NULL WHERE mentorId = :p OR menteeId = :p")
                .setParameter("p", profileId).executeUpdate();
    }

    private int cancelAll(jakarta.persistence.TypedQuery<Session> query, CancelReason reason) {
        Instant now = Instant.now();
        List<Session> open = query.setParameter("now", now)
                .setParameter("open", List.of(SessionStatus.proposed, SessionStatus.scheduled))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        open.forEach(s -> cancel(s, reason, now));
        return open.size();
    }

    private void cancel(Session s, CancelReason reason, Instant now) {
        boolean wasScheduled = s.status == SessionStatus.scheduled;
        s.status = SessionStatus.cancelled;
        s.cancelReason = reason;
        s.proposedBy = null;
        s.changed(now);
        if (wasScheduled) {
            events.publish(SessionEvents.CANCELLED, s, mentorshipOf(s).programId);
        }
    }

    private Seen close(UUID id, SessionStatus outcome, String type, MentorshipAccess access) {
        Session s = findForUpdate(id);
        access.requireParticipant(mentorshipOf(s), "Session", id);
        if (s.status != SessionStatus.scheduled) {
            throw ProblemException.conflict("session " + id + " is " + s.status + "; only a scheduled session can be"
                    + " marked " + outcome);
        }
        if (s.startsAt.isAfter(Instant.now())) {
            throw ProblemException.conflict("session " + id + " has not started yet (" + s.localStart() + ")");
        }
        s.status = outcome;
        s.changed(Instant.now());
        events.publish(type, s, mentorshipOf(s).programId);
        return seen(s, Access.PARTICIPANT, access);
    }

    /**
     * 409 naming the first open session of either participant that overlaps this one. Each participant's
     * transaction-scoped advisory lock (taken in id order, so never in a cycle) serialises the checks of everyone's
     * sessions with that person, across mentorships and replicas.
     */
    private void requireNoConflict(Session s) {
        s.participantIds().stream().sorted().forEach(person -> em.createNativeQuery(
                        "SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS locked")
                .setParameter("key", person.getMostSignificantBits() ^ person.getLeastSignificantBits())
                .getResultList());
        List<Session> clashes = em.createQuery("""
                        FROM Session WHERE id <> :id AND status IN :open AND startsAt < :end AND endsAt > :start
                        AND (mentorId IN :people OR menteeId IN :people) ORDER BY startsAt""", Session.class)
                .setParameter("id", s.id).setParameter("start", s.startsAt).setParameter("end", s.endsAt)
                .setParameter("open", List.of(SessionStatus.proposed, SessionStatus.scheduled))
                .setParameter("people", s.participantIds()).setMaxResults(1).getResultList();
        if (!clashes.isEmpty()) {
            Session other = clashes.get(0);
            UUID person = s.participantIds().stream().filter(other::hasParticipant).findFirst().orElseThrow();
            String detail = "the session from " + s.localStart().toLocalDateTime() + " (" + s.timeZone
                    + ") overlaps session " + other.id + " of participant " + person + ", " + other.startsAt
                    + " to " + other.endsAt;
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, detail,
                    List.of(new Problem.FieldError("start", "overlaps session " + other.id))), Map.of());
        }
    }

    private void requireAnswerable(Session s, UUID me) {
        if (s.status != SessionStatus.proposed) {
            throw ProblemException.conflict("session " + s.id + " is " + s.status + ", not a proposal");
        }
        if (me.equals(s.proposedBy)) {
            throw ProblemException.conflict("session " + s.id + " was proposed by you; the other participant answers");
        }
    }

    private static void requireOpen(Session s, String what) {
        if (!s.status.open()) {
            throw ProblemException.conflict("session " + s.id + " is " + s.status + " and cannot be " + what);
        }
    }

    private static void requireRunning(Mentorship m) {
        if (!m.isRunning()) {
            throw ProblemException.conflict("mentorship " + m.mentorshipId + " is " + m.status
                    + "; sessions are planned only while it is active or paused");
        }
    }

    /**
     * Neither of the pair has left or been erased: a still-valid token of someone who left, or their partner, cannot
     * plan sessions with them until matching ends the mentorship. Both rows are held (shared) until this commits, so
     * a departure applied meanwhile waits for it and then cancels what it planned.
     */
    private void requirePresent(Mentorship m) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT profile_id, erased OR status = 'terminated' FROM person "
                        + "WHERE profile_id IN (:a, :b) ORDER BY profile_id FOR SHARE")
                .setParameter("a", m.mentorId).setParameter("b", m.menteeId).getResultList();
        if (rows.stream().anyMatch(r -> Boolean.TRUE.equals(r[1]))) {
            throw ProblemException.conflict("one of the pair has left the organisation; sessions are no longer planned");
        }
    }

    private String ownTimeZone(UUID me) {
        Person person = em.find(Person.class, me);
        if (person == null || person.timeZone == null) {
            throw ProblemException.invalid("timeZone", "is required: your profile has no time zone");
        }
        return person.timeZone;
    }

    static ZoneId zone(String id) {
        try {
            if (id == null || !ZoneId.getAvailableZoneIds().contains(id)) {
                throw new DateTimeException(id);
            }
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw ProblemException.invalid("timeZone", "is not an IANA time zone such as Europe/Berlin");
        }
    }

    private Mentorship lockMentorship(UUID id, MentorshipAccess access) {
        Mentorship m = em.find(Mentorship.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (m == null || access.of(m).isEmpty()) {
            throw ProblemException.notFound("Mentorship", id);
        }
        return m;
    }

    private Mentorship mentorshipOf(Session s) {
        return em.find(Mentorship.class, s.mentorshipId);
    }

    private Session find(UUID id) {
        Session s = em.find(Session.class, id);
        if (s == null) {
            throw ProblemException.notFound("Session", id);
        }
        return s;
    }

    /** Locks the mentorship first, so two changes of one pair's sessions never pass the conflict check together. */
    private Session findForUpdate(UUID id) {
        Session s = find(id);
        em.find(Mentorship.class, s.mentorshipId, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(s, LockModeType.PESSIMISTIC_WRITE);
        return s;
    }

    private Seen seen(Session s, Access level, MentorshipAccess access) {
        String note = null;
        if (level.full()) {
            note = access.me().profileId().map(me -> privateNotes(List.of(s), me).get(s.id)).orElse(null);
        }
        return new Seen(s, level, note);
    }

    private Map<UUID, String> privateNotes(List<Session> sessions, UUID author) {
        if (sessions.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT session_id, text FROM private_note WHERE author_id = :a AND session_id IN :ids")
                .setParameter("a", author).setParameter("ids", sessions.stream().map(s -> s.id).toList())
                .getResultList();
        Map<UUID, String> notes = new HashMap<>();
        rows.forEach(r -> notes.put((UUID) r[0], (String) r[1]));
        return notes;
    }
}
