package org.mentoring.matching.mentorship;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.mentoring.matching.events.MentorshipEvents;
import org.mentoring.matching.identity.CurrentPerson;
import org.mentoring.matching.mentorship.MentorshipStatus.Move;
import org.mentoring.platform.web.LanguageTags;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.ProblemType;

/**
 * Mentorships from request to end: who may make which move, the hard constraints of a request, and the mentor's
 * capacity at acceptance. Every transition commits with its event on {@code mentoring.mentorship.v1}.
 */
@ApplicationScoped
public class MentorshipService {

    public static final String END_COMPLETED = "completed";
    public static final String END_EARLY = "ended_early";
    public static final String END_DEACTIVATED = "participant_deactivated";
    public static final String END_ERASED = "participant_erased";

    private static final Map<Move, String> EVENT_OF = Map.of(
            Move.ACCEPT, MentorshipEvents.STARTED, Move.DECLINE, MentorshipEvents.DECLINED,
            Move.WITHDRAW, MentorshipEvents.WITHDRAWN, Move.EXPIRE, MentorshipEvents.EXPIRED,
            Move.PAUSE, MentorshipEvents.PAUSED, Move.RESUME, MentorshipEvents.RESUMED,
            Move.COMPLETE, MentorshipEvents.ENDED, Move.END, MentorshipEvents.ENDED);

    @Inject
    EntityManager em;

    @Inject
    MentorshipEvents events;

    @Inject
    MentorshipConfig config;

    /**
     * Starts an active mentorship from a published matching run (origin=program) and emits
     * mentoring.mentorship.started.v1; joins the caller's transaction. The run already respected capacities and
     * hard constraints, so neither is checked again here.
     *
     * @param kind classic, peer, reverse or group
     * @param groupId shared by the mentorships of one group (one mentor, several mentees), else null
     * @param score the pair's match score on the catalogue's 0-100 scale, or null
     */
    @Transactional
    public Mentorship startFromProgram(UUID programId, String kind, UUID mentorId, UUID menteeId,
                                       UUID groupId, Double score, List<String> goalSkills) {
        if (!List.of("classic", "peer", "reverse", "group").contains(kind)) {
            throw new IllegalArgumentException("unknown mentorship kind " + kind);
        }
        Instant now = now();
        Mentorship m = new Mentorship();
        m.id = UUID.randomUUID();
        m.kind = kind;
        m.origin = "program";
        m.programId = programId;
        m.groupId = groupId;
        m.mentorId = mentorId;
        m.menteeId = menteeId;
        m.status = MentorshipStatus.ACTIVE.value();
        m.score = score;
        m.goalSkills = goalSkills == null ? new ArrayList<>() : new ArrayList<>(goalSkills);
        m.startedAt = now;
        m.version = 1;
        m.createdAt = now;
        m.updatedAt = now;
        em.persist(m);
        em.flush();
        events.publish(MentorshipEvents.STARTED, m);
        return m;
    }

    /** An informal request from the caller (the mentee) to a mentor, after every hard constraint. */
    @Transactional
    public Mentorship request(UUID menteeId, MentorshipRequest request) {
        UUID mentorId = request.mentorId();
        if (mentorId.equals(menteeId)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "You cannot ask yourself to be your mentor");
        }
        // Both people's rows, in one order: two racing duplicates cannot both pass, nor two requests between the same
        // two people in opposite directions (each locking only its requester, both found no open request); and either
        // one's departure (endAllOf takes the same lock) comes before or after, so no request outlives it.
        lockCandidates(List.of(menteeId, mentorId), false);
        Party mentee = party(menteeId).orElseThrow(() -> ProblemException.notFound("Profile", menteeId));
        if (!mentee.active()) {
            throw unprocessable("Your profile is not active, so you cannot ask for mentoring");
        }
        Party mentor = party(mentorId).filter(Party::active)
                .orElseThrow(() -> ProblemException.notFound("Profile", mentorId));
        if (mentee.chain().contains(mentorId)) {
            throw unprocessable("Conflict of interest: the person you asked is in your management chain");
        }
        if (mentor.chain().contains(menteeId)) {
            throw unprocessable("Conflict of interest: you are in the management chain of the person you asked");
        }
        if (!LanguageTags.shareLanguage(mentee.languages(), mentor.languages())) {
            throw unprocessable("No shared language: you and the person you asked have no language in common");
        }
        if (!mentor.openToRequests()) {
            throw unprocessable("The person you asked is not open to mentoring requests");
        }
        // The role recommendations look for: a mentor for classic and reverse mentoring, a peer for a skill swap.
        String role = "peer".equals(request.kind()) ? "peer" : "mentor";
        if (!mentor.roles().contains(role)) {
            throw unprocessable("peer".equals(role) ? "The person you asked is not open to peer mentoring"
                    : "The person you asked is not open to being a mentor");
        }
        if (count("""
                SELECT count(*) FROM matching.mentorship WHERE status IN ('pending', 'active', 'paused')
                  AND ((mentor_id = :a AND mentee_id = :b) OR (mentor_id = :b AND mentee_id = :a))""",
                mentorId, menteeId) > 0) {
            throw ProblemException.conflict("You already have an open request or mentorship with this person");
        }
        if (endedEarly(mentorId, menteeId)) {
            throw unprocessable("A mentorship between you two already ended early; it cannot be requested again");
        }
        Instant now = now();
        Mentorship m = new Mentorship();
        m.id = UUID.randomUUID();
        m.kind = request.kind() == null ? "classic" : request.kind();
        m.origin = "informal";
        m.mentorId = mentorId;
        m.menteeId = menteeId;
        m.status = MentorshipStatus.PENDING.value();
        m.message = request.message();
        m.goalSkills = request.goalSkills() == null ? new ArrayList<>() : new ArrayList<>(request.goalSkills());
        m.requestedAt = now;
        m.expiresAt = now.plus(config.requestExpiry());
        m.version = 1;
        m.createdAt = now;
        m.updatedAt = now;
        em.persist(m);
        em.flush();
        events.publish(MentorshipEvents.REQUESTED, m);
        return m;
    }

    /** A mentorship the caller may see (a participant or an administrator), else 404. */
    @Transactional
    public Mentorship get(UUID id, CurrentPerson person) {
        Mentorship m = em.find(Mentorship.class, id);
        if (m == null || !(person.isAdmin() || m.involves(person.profileId().orElse(null)))) {
            throw ProblemException.notFound("Mentorship", id);
        }
        return m;
    }

    /**
     * Makes one move on behalf of the caller. Order of checks: visible at all (404), the caller's part allows the
     * move (403), the state allows it (409), and for an acceptance the mentor still has a free place (409).
     */
    @Transactional
    public Mentorship move(UUID id, Move move, CurrentPerson person, String note) {
        Mentorship m = get(id, person);
        UUID me = person.profileId().orElse(null);
        boolean allowed = switch (move) {
            case ACCEPT, DECLINE -> m.mentorId.equals(me);
            case WITHDRAW -> m.menteeId.equals(me);
            case PAUSE, RESUME, COMPLETE -> m.involves(me);
            case END -> m.involves(me) || person.isAdmin();
            case EXPIRE -> false;
        };
        if (!allowed) {
            throw ProblemException.forbidden(switch (move) {
                case ACCEPT, DECLINE -> "Only the person asked may " + move.path() + " this request";
                case WITHDRAW -> "Only the person who asked may withdraw this request";
                case END -> "Only a participant or an administrator may end this mentorship";
                default -> "Only a participant may " + move.path() + " this mentorship";
            });
        }
        // The mentor's row is the lock every acceptance for this mentor queues on, so the count below sees every
        // acceptance committed before ours: two accepts racing for the last place cannot both win. The mentee's row
        // too (both in one order), as a departure takes it before it ends what is open.
        Set<UUID> active = move == Move.ACCEPT ? lockCandidates(List.of(m.mentorId, m.menteeId), false) : Set.of();
        em.refresh(m, LockModeType.PESSIMISTIC_WRITE);
        MentorshipStatus next = m.state().after(move);
        if (next == null) {
            throw ProblemException.conflict("A mentorship that is " + m.status + " cannot be " + pastTense(move));
        }
        if (move == Move.ACCEPT) {
            checkCapacity(m.mentorId);
            if (!active.contains(m.menteeId)) {
                throw ProblemException.conflict("The mentee's profile is no longer active");
            }
        }
        Instant now = now();
        switch (move) {
            case ACCEPT -> {
                m.respondedAt = now;
                m.startedAt = now;
            }
            case DECLINE -> {
                m.respondedAt = now;
                m.declineReason = note;
            }
            case COMPLETE -> end(m, END_COMPLETED, now);
            case END -> {
                end(m, END_EARLY, now);
                m.endNote = note;
                m.endedBy = me;
            }
            default -> {
            }
        }
        return transition(m, next, EVENT_OF.get(move), now);
    }

    /** Expires pending requests whose time is up; several instances share the work without waiting on each other. */
    @Transactional
    public int expireDue(int max) {
        List<?> due = em.createNativeQuery("""
                SELECT id FROM matching.mentorship WHERE status = 'pending' AND expires_at <= now()
                ORDER BY expires_at LIMIT :max FOR UPDATE SKIP LOCKED""")
                .setParameter("max", max).getResultList();
        Instant now = now();
        for (Object id : due) {
            Mentorship m = em.find(Mentorship.class, id);
            transition(m, MentorshipStatus.EXPIRED, MentorshipEvents.EXPIRED, now);
        }
        return due.size();
    }

    /**
     * Ends everything open of a person who left or was erased: their pending requests are withdrawn (they asked)
     * or declined (they were asked); active and paused mentorships end with the given reason. Erasure also removes
     * the free texts the person wrote.
     */
    @Transactional
    public void endAllOf(UUID profileId, String endReason, boolean erase) {
        // After whatever request, acceptance or publication holds the person's row: what it started is seen here.
        lockCandidates(List.of(profileId), false);
        List<Mentorship> open = em.createQuery("""
                SELECT m FROM Mentorship m WHERE (m.mentorId = :p OR m.menteeId = :p)
                  AND m.status IN ('pending', 'active', 'paused') ORDER BY m.createdAt, m.id""", Mentorship.class)
                .setParameter("p", profileId).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        Instant now = now();
        for (Mentorship m : open) {
            if (m.state() == MentorshipStatus.PENDING) {
                boolean asker = m.menteeId.equals(profileId);
                m.respondedAt = asker ? m.respondedAt : now;
                transition(m, asker ? MentorshipStatus.WITHDRAWN : MentorshipStatus.DECLINED,
                        asker ? MentorshipEvents.WITHDRAWN : MentorshipEvents.DECLINED, now);
            } else {
                end(m, endReason, now);
                transition(m, MentorshipStatus.ENDED, MentorshipEvents.ENDED, now);
            }
        }
        if (erase) {
            em.createQuery("UPDATE Mentorship m SET m.message = NULL WHERE m.menteeId = :p")
                    .setParameter("p", profileId).executeUpdate();
            em.createQuery("UPDATE Mentorship m SET m.declineReason = NULL WHERE m.mentorId = :p")
                    .setParameter("p", profileId).executeUpdate();
            em.createQuery("UPDATE Mentorship m SET m.endNote = NULL WHERE m.endedBy = :p")
                    .setParameter("p", profileId).executeUpdate();
        }
    }

    /**
     * The caller's mentorships, or for administrators anyone's ({@code profileId}) or all; newest first.
     */
    @Transactional
    public MentorshipPage list(CurrentPerson person, UUID profileId, String status, String role, String cursor,
                               int limit) {
        if (profileId != null && !person.isAdmin() && !person.is(profileId)) {
            throw ProblemException.forbidden("Only administrators may list another person's mentorships");
        }
        if (status != null && !MentorshipStatus.isKnown(status)) {
            throw ProblemException.invalid("status", "must be one of pending, active, paused, completed, ended, "
                    + "declined, withdrawn, expired");
        }
        if (role != null && !List.of("mentor", "mentee").contains(role)) {
            throw ProblemException.invalid("role", "must be mentor or mentee");
        }
        UUID subject = profileId != null ? profileId
                : person.isAdmin() ? null : person.requireProfileId();
        StringBuilder jpql = new StringBuilder("SELECT m FROM Mentorship m WHERE 1 = 1");
        if (subject != null) {
            jpql.append(role == null ? " AND (m.mentorId = :p OR m.menteeId = :p)"
                    : "mentor".equals(role) ? " AND m.mentorId = :p" : " AND m.menteeId = :p");
        } else if (role != null) {
            throw ProblemException.invalid("role", "needs a person: pass profileId");
        }
        if (status != null) {
            jpql.append(" AND m.status = :status");
        }
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        if (after != null) {
            jpql.append(" AND (m.createdAt < :at OR (m.createdAt = :at AND m.id < :id))");
        }
        jpql.append(" ORDER BY m.createdAt DESC, m.id DESC");
        TypedQuery<Mentorship> q = em.createQuery(jpql.toString(), Mentorship.class).setMaxResults(limit + 1);
        if (subject != null) {
            q.setParameter("p", subject);
        }
        if (status != null) {
            q.setParameter("status", status);
        }
        if (after != null) {
            q.setParameter("at", after.createdAt()).setParameter("id", after.id());
        }
        List<Mentorship> rows = q.getResultList();
        UUID me = person.profileId().orElse(null);
        List<MentorshipView> items = rows.stream().limit(limit).map(m -> MentorshipView.of(m, m.involves(me))).toList();
        String next = null;
        if (rows.size() > limit) {
            Mentorship last = rows.get(limit - 1);
            next = new Cursor(last.createdAt, last.id).encode();
        }
        return new MentorshipPage(items, next);
    }

    private Mentorship transition(Mentorship m, MentorshipStatus next, String eventType, Instant now) {
        m.status = next.value();
        m.version++;
        m.updatedAt = now;
        em.flush();
        events.publish(eventType, m);
        return m;
    }

    private static void end(Mentorship m, String reason, Instant now) {
        m.endReason = reason;
        m.endedAt = now;
    }

    /**
     * Locks people's rows of the read model, in the order of their ids, and says which of them are active and not
     * erased. Every change that must not cross a person's departure takes it: a request and an acceptance (both
     * people's), a programme's publication (shared, everyone it pairs) and the departure itself ({@link #endAllOf}),
     * which then sees what they committed.
     */
    public Set<UUID> lockCandidates(java.util.Collection<UUID> profileIds, boolean shared) {
        if (profileIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT profile_id, status = 'active' AND NOT erased "
                        + "FROM matching.candidate WHERE profile_id = ANY(CAST(:p AS uuid[])) "
                        + "ORDER BY profile_id FOR " + (shared ? "SHARE" : "UPDATE"))
                .setParameter("p", profileIds.stream().distinct().map(UUID::toString)
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .getResultList();
        Set<UUID> active = new java.util.HashSet<>();
        rows.stream().filter(r -> Boolean.TRUE.equals(r[1])).forEach(r -> active.add((UUID) r[0]));
        return active;
    }

    /** Whether a mentorship between the two, either way round, ended early. */
    public boolean endedEarly(UUID a, UUID b) {
        return count("""
                SELECT count(*) FROM matching.mentorship WHERE end_reason = 'ended_early'
                  AND ((mentor_id = :a AND mentee_id = :b) OR (mentor_id = :b AND mentee_id = :a))""", a, b) > 0;
    }

    private void checkCapacity(UUID mentorId) {
        List<?> capacity = em.createNativeQuery("""
                SELECT capacity FROM matching.candidate WHERE profile_id = :p AND status = 'active' AND NOT erased""")
                .setParameter("p", mentorId).getResultList();
        if (capacity.isEmpty()) {
            throw ProblemException.conflict("The mentor's profile is no longer active");
        }
        int places = capacity.get(0) == null ? 0 : ((Number) capacity.get(0)).intValue();
        long taken = ((Number) em.createNativeQuery("""
                SELECT count(*) FROM matching.mentorship WHERE mentor_id = :p AND status IN ('active', 'paused')""")
                .setParameter("p", mentorId).getSingleResult()).longValue();
        if (taken >= places) {
            throw ProblemException.conflict("The mentor has no free place: " + taken + " of " + places
                    + " places are taken");
        }
    }

    private long count(String sql, UUID a, UUID b) {
        return ((Number) em.createNativeQuery(sql).setParameter("a", a).setParameter("b", b).getSingleResult())
                .longValue();
    }

    /** What a request needs to know about either person, from the candidate read model. */
    private record Party(boolean active, List<String> languages, List<UUID> chain, boolean openToRequests,
                         List<String> roles) {
    }

    private java.util.Optional<Party> party(UUID profileId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT status = 'active' AND NOT erased, languages, management_chain, COALESCE(open_to_requests, FALSE),
                    open_to_roles
                FROM matching.candidate WHERE profile_id = :p""")
                .setParameter("p", profileId).getResultList();
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        Object[] r = rows.get(0);
        return java.util.Optional.of(new Party((Boolean) r[0], strings(r[1]), uuids(r[2]), (Boolean) r[3], strings(r[4])));
    }

    private static List<String> strings(Object array) {
        return array == null ? List.of() : java.util.Arrays.stream((Object[]) array).map(String::valueOf).toList();
    }

    private static List<UUID> uuids(Object array) {
        return array == null ? List.of()
                : java.util.Arrays.stream((Object[]) array).map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString()))
                        .toList();
    }

    private static ProblemException unprocessable(String detail) {
        return new ProblemException(ProblemType.UNPROCESSABLE, detail);
    }

    private static String pastTense(Move move) {
        return switch (move) {
            case ACCEPT -> "accepted";
            case DECLINE -> "declined";
            case WITHDRAW -> "withdrawn";
            case EXPIRE -> "expired";
            case PAUSE -> "paused";
            case RESUME -> "resumed";
            case COMPLETE -> "completed";
            case END -> "ended";
        };
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Keyset position in the newest-first listing. */
    record Cursor(Instant createdAt, UUID id) {
        String encode() {
            String raw = createdAt.toEpochMilli() * 1000 + createdAt.getNano() / 1000 % 1000 + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String value) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
                int colon = raw.indexOf(':');
                long micros = Long.parseLong(raw.substring(0, colon));
                return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(raw.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API returned");
            }
        }
    }
}
