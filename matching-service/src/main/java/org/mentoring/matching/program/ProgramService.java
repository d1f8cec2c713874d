package org.mentoring.matching.program;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.mentoring.matching.identity.CurrentPerson;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.IfMatch;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.ProblemType;

/**
 * Creates and changes programmes and decides who may see one: HR sees every programme, a programme admin only the
 * programmes that list them in adminIds (others do not exist for them: 404).
 */
@ApplicationScoped
public class ProgramService {

    static final int DEFAULT_MENTOR_CAPACITY = 2;
    static final int DEFAULT_GROUP_SIZE = 5;

    @Inject
    EntityManager em;

    @Inject
    ProgramEvents events;

    static boolean isHr(CurrentPerson person) {
        return person.caller().hasRole(Caller.HR_ADMIN);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @Transactional
    public Program create(ProgramFields f, CurrentPerson caller) {
        if (f.name() == null || f.name().isBlank()) {
            throw ProblemException.invalid("name", "must not be blank");
        }
        if (f.kind() == null) {
            throw ProblemException.invalid("kind", "must not be null");
        }
        if (f.status() != null && !ProgramStatus.DRAFT.equals(f.status())) {
            throw ProblemException.invalid("status", "a new programme starts as draft");
        }
        Set<UUID> admins = new LinkedHashSet<>();
        caller.profileId().ifPresent(admins::add);
        if (f.adminIds() != null) {
            admins.addAll(f.adminIds());
        }
        if (admins.isEmpty()) {
            throw ProblemException.invalid("adminIds", "name at least one admin (the caller has no profile)");
        }
        Program p = new Program();
        p.id = UUID.randomUUID();
        p.status = ProgramStatus.DRAFT;
        p.kind = f.kind();
        p.eligibility = Eligibility.ANYONE;
        p.weights = ProgramWeights.DEFAULTS;
        p.mentorCapacity = DEFAULT_MENTOR_CAPACITY;
        p.groupSize = DEFAULT_GROUP_SIZE;
        p.algorithm = "peer".equals(f.kind()) ? "PEER" : "OPTIMAL";
        p.createdAt = now();
        p.version = 0;
        p.adminIds = new ArrayList<>(admins);
        apply(p, f);
        em.persist(p);
        return p;
    }

    @Transactional
    public Program update(UUID id, String ifMatch, ProgramFields f, CurrentPerson caller) {
        Program p = visible(id, caller, true);
        if (ifMatch != null && !ifMatch.isBlank() && !IfMatch.holds(ifMatch, IfMatch.tag(p.version))) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The programme changed since you read it (version " + p.version + ")");
        }
        if (f.kind() != null && !f.kind().equals(p.kind) && !ProgramStatus.DRAFT.equals(p.status)) {
            throw ProblemException.conflict("The kind of a programme can change only while it is a draft");
        }
        if (f.status() != null && !ProgramStatus.mayRequest(p.status, f.status())) {
            throw ProblemException.conflict("A programme cannot go from " + p.status + " to " + f.status()
                    + (ProgramStatus.RUNNING.equals(f.status()) ? "; publish a matching run to start it" : ""));
        }
        if (f.adminIds() != null && f.adminIds().isEmpty()) {
            throw ProblemException.invalid("adminIds", "a programme keeps at least one admin");
        }
        if (f.status() != null) {
            p.status = f.status();
        }
        if (f.adminIds() != null) {
            p.adminIds = new ArrayList<>(new LinkedHashSet<>(f.adminIds()));
        }
        apply(p, f);
        return p;
    }

    /** Moves the programme to a status as a consequence of another action (a run, a publication). */
    void advance(Program p, String status) {
        if (!status.equals(p.status)) {
            p.status = status;
            touch(p);
        }
    }

    private void apply(Program p, ProgramFields f) {
        if (f.name() != null) {
            if (f.name().isBlank()) {
                throw ProblemException.invalid("name", "must not be blank");
            }
            p.name = f.name().strip();
        }
        if (f.description() != null) {
            p.description = f.description();
        }
        if (f.kind() != null) {
            p.kind = f.kind();
        }
        if (f.startsOn() != null) {
            p.startsOn = f.startsOn();
        }
        if (f.endsOn() != null) {
            p.endsOn = f.endsOn();
        }
        if (f.opensAt() != null) {
            p.opensAt = f.opensAt().toInstant().truncatedTo(ChronoUnit.MICROS);
        }
        if (f.closesAt() != null) {
            p.closesAt = f.closesAt().toInstant().truncatedTo(ChronoUnit.MICROS);
        }
        if (f.eligibility() != null) {
            p.eligibility = f.eligibility();
        }
        if (f.weights() != null) {
            p.weights = f.weights();
        }
        if (f.mentorCapacity() != null) {
            p.mentorCapacity = f.mentorCapacity();
        }
        if (f.groupSize() != null) {
            p.groupSize = f.groupSize();
        }
        if (f.algorithm() != null) {
            p.algorithm = f.algorithm();
        } else if (f.kind() != null) {
            p.algorithm = "peer".equals(p.kind) ? "PEER" : "PEER".equals(p.algorithm) ? "OPTIMAL" : p.algorithm;
        }
        validate(p);
        touch(p);
    }

    private void touch(Program p) {
        p.version++;
        p.changedAt = now();
        events.updated(p);
    }

    private static void validate(Program p) {
        if (p.startsOn != null && p.endsOn != null && p.endsOn.isBefore(p.startsOn)) {
            throw ProblemException.invalid("endsOn", "must not be before startsOn");
        }
        if (p.opensAt != null && p.closesAt != null && !p.closesAt.isAfter(p.opensAt)) {
            throw ProblemException.invalid("closesAt", "must be after opensAt");
        }
        Eligibility e = p.eligibility;
        if (e.levelMin() != null && e.levelMax() != null && e.levelMax() < e.levelMin()) {
            throw ProblemException.invalid("eligibility.levelMax", "must not be below levelMin");
        }
        if (!(p.weights.sum() > 0) || p.weights.sum() > 1 + 1e-9) {
            throw ProblemException.invalid("weights", "the weights must add up to more than 0 and at most 1, "
                    + "so that a score stays between 0 and 1");
        }
        if ("peer".equals(p.kind) != "PEER".equals(p.algorithm)) {
            throw ProblemException.invalid("algorithm", "PEER matches peer programmes, and peer programmes only");
        }
    }

    /**
     * The programme if the caller may see it: HR always, a programme admin when listed in adminIds.
     *
     * @param lock take a row lock, so concurrent changes to one programme queue up
     */
    Program visible(UUID id, CurrentPerson caller, boolean lock) {
        Program p = lock ? em.find(Program.class, id, LockModeType.PESSIMISTIC_WRITE) : em.find(Program.class, id);
        if (p == null || !(ProgramService.isHr(caller) || caller.profileId().map(p::isAdmin).orElse(false))) {
            throw ProblemException.notFound("Programme", id);
        }
        return p;
    }

    @Transactional
    public Program get(UUID id, CurrentPerson caller) {
        return visible(id, caller, false);
    }

    @Transactional
    public ProgramPage list(String status, String cursor, int limit, CurrentPerson caller) {
        StringBuilder sql = new StringBuilder("SELECT * FROM matching.program WHERE TRUE");
        if (!ProgramService.isHr(caller)) {
            sql.append(" AND admin_ids @> CAST(:admin AS jsonb)");
        }
        if (status != null) {
            sql.append(" AND status = :status");
        }
        PageCursor after = cursor == null || cursor.isBlank() ? null : PageCursor.decode(cursor);
        if (after != null) {
            sql.append(" AND (created_at, id) > (:at, :id)");
        }
        sql.append(" ORDER BY created_at, id LIMIT :limit");
        var q = em.createNativeQuery(sql.toString(), Program.class);
        if (!ProgramService.isHr(caller)) {
            UUID me = caller.profileId().orElse(null);
            if (me == null) {
                return new ProgramPage(List.of(), null);
            }
            q.setParameter("admin", "[\"" + me + "\"]");
        }
        if (status != null) {
            q.setParameter("status", status);
        }
        if (after != null) {
            q.setParameter("at", after.at());
            q.setParameter("id", after.id());
        }
        q.setParameter("limit", limit + 1);
        @SuppressWarnings("unchecked")
        List<Program> rows = q.getResultList();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Program last = rows.get(limit - 1);
            next = new PageCursor(last.createdAt, last.id).encode();
        }
        return new ProgramPage(rows.stream().map(ProgramView::of).toList(), next);
    }
}
