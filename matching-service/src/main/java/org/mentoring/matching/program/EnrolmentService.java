package org.mentoring.matching.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.mentoring.matching.identity.CurrentPerson;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.ProblemType;

/**
 * Who takes part in a programme. Employees enrol themselves while the enrolment window is open; the programme's
 * admins (and HR) enrol or remove anyone until the programme runs. Eligibility is checked against matching's read
 * model of the person's profile either way.
 */
@ApplicationScoped
public class EnrolmentService {

    @Inject
    EntityManager em;

    @Inject
    ProgramService programs;

    @Inject
    ProgramEvents events;

    @Transactional
    public Enrolment enrol(UUID programId, EnrolmentRequest request, CurrentPerson caller) {
        UUID self = caller.profileId().orElse(null);
        UUID who = request.profileId() == null ? caller.requireProfileId() : request.profileId();
        boolean forSelf = who.equals(self);
        Program p = em.find(Program.class, programId, LockModeType.PESSIMISTIC_WRITE);
        boolean admin = p != null && (ProgramService.isHr(caller) || p.isAdmin(self));
        if (p == null) {
            throw ProblemException.notFound("Programme", programId);
        }
        if (!forSelf && !admin) {
            throw ProblemException.forbidden("Only the programme's admins may enrol someone else");
        }
        if (!ProgramStatus.acceptsEnrolmentChanges(p.status)) {
            throw ProblemException.conflict("The programme is " + p.status + "; enrolments are closed");
        }
        if (!admin && !p.enrolmentOpen(ProgramService.now())) {
            throw ProblemException.conflict("Enrolment is not open: the programme is " + p.status
                    + (p.opensAt != null ? ", enrolment opens " + p.opensAt : "")
                    + (p.closesAt != null ? " and closes " + p.closesAt : ""));
        }
        checkRole(p, request);
        Object[] facts = profileFacts(who);
        if (facts == null) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Profile " + who + " is not an active profile");
        }
        String refusal = p.eligibility.refusal((String) facts[0], (Integer) facts[1], (String) facts[2]);
        if (refusal != null) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Not eligible for this programme: " + refusal);
        }
        Long existing = em.createQuery("SELECT count(e) FROM Enrolment e WHERE e.programId = :p AND e.profileId = :who",
                Long.class).setParameter("p", programId).setParameter("who", who).getSingleResult();
        if (existing > 0) {
            throw ProblemException.conflict("Profile " + who + " is already enrolled in this programme");
        }
        Enrolment e = new Enrolment();
        e.id = UUID.randomUUID();
        e.programId = programId;
        e.profileId = who;
        e.role = request.role();
        e.goals = request.goals() == null ? new ArrayList<>() : new ArrayList<>(request.goals());
        e.capacity = request.capacity();
        e.enrolledBy = self;
        e.enrolledAt = ProgramService.now();
        em.persist(e);
        events.enrolled(e, e.enrolledAt);
        return e;
    }

    private static void checkRole(Program p, EnrolmentRequest r) {
        boolean peerProgram = "peer".equals(p.kind);
        if (peerProgram != Enrolment.PEER.equals(r.role())) {
            throw ProblemException.invalid("role", peerProgram ? "a peer programme takes peers only"
                    : "this programme takes mentors and mentees");
        }
        if (Enrolment.MENTEE.equals(r.role()) && (r.goals() == null || r.goals().isEmpty())) {
            throw ProblemException.invalid("goals", "a mentee names at least one goal");
        }
        if (Enrolment.MENTOR.equals(r.role()) && r.goals() != null && !r.goals().isEmpty()) {
            throw ProblemException.invalid("goals", "goals belong to mentees and peers");
        }
        if (!Enrolment.MENTOR.equals(r.role()) && r.capacity() != null) {
            throw ProblemException.invalid("capacity", "only mentors take a capacity");
        }
        if (r.goals() != null && r.goals().stream().map(g -> g.skill().toLowerCase(Locale.ROOT))
                .distinct().count() < r.goals().size()) {
            throw ProblemException.invalid("goals", "each skill appears once");
        }
    }

    /** Department, level and location of an active profile, or null when there is none. */
    private Object[] profileFacts(UUID profileId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT department, level, location FROM matching.candidate "
                + "WHERE profile_id = :id AND status = 'active' AND NOT erased").setParameter("id", profileId)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Transactional
    public void withdraw(UUID programId, UUID enrolmentId, CurrentPerson caller) {
        Enrolment e = em.find(Enrolment.class, enrolmentId);
        Program p = em.find(Program.class, programId, LockModeType.PESSIMISTIC_WRITE);
        UUID self = caller.profileId().orElse(null);
        boolean admin = p != null && (ProgramService.isHr(caller) || p.isAdmin(self));
        if (e == null || p == null || !e.programId.equals(programId) || !(admin || e.profileId.equals(self))) {
            throw ProblemException.notFound("Enrolment", enrolmentId);
        }
        if (!ProgramStatus.acceptsEnrolmentChanges(p.status)) {
            throw ProblemException.conflict("The programme is " + p.status + "; enrolments can no longer change");
        }
        em.createQuery("DELETE FROM PairRule r WHERE r.key.programId = :p AND (r.key.menteeId = :who OR r.key.mentorId = :who)")
                .setParameter("p", programId).setParameter("who", e.profileId).executeUpdate();
        em.remove(e);
        events.unenrolled(e, ProgramService.now());
    }

    @Transactional
    public EnrolmentPage list(UUID programId, String role, String cursor, int limit, CurrentPerson caller) {
        programs.visible(programId, caller, false);
        PageCursor after = cursor == null || cursor.isBlank() ? null : PageCursor.decode(cursor);
        String jpql = "SELECT e FROM Enrolment e WHERE e.programId = :p"
                + (role == null ? "" : " AND e.role = :role")
                + (after == null ? "" : " AND (e.enrolledAt > :at OR (e.enrolledAt = :at AND e.id > :id))")
                + " ORDER BY e.enrolledAt, e.id";
        var q = em.createQuery(jpql, Enrolment.class).setParameter("p", programId).setMaxResults(limit + 1);
        if (role != null) {
            q.setParameter("role", role);
        }
        if (after != null) {
            q.setParameter("at", after.at()).setParameter("id", after.id());
        }
        List<Enrolment> rows = q.getResultList();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = new PageCursor(rows.get(limit - 1).enrolledAt, rows.get(limit - 1).id).encode();
        }
        return new EnrolmentPage(rows.stream().map(EnrolmentView::of).toList(), next);
    }

    List<Enrolment> all(UUID programId) {
        return em.createQuery("SELECT e FROM Enrolment e WHERE e.programId = :p ORDER BY e.profileId", Enrolment.class)
                .setParameter("p", programId).getResultList();
    }
}
