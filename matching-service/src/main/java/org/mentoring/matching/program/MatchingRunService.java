package org.mentoring.matching.program;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.mentoring.matching.identity.CurrentPerson;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.ProblemType;

/**
 * Matching runs of a programme: gathers the inputs (enrolments joined with the candidate read model, pins,
 * forbids, pairs that already ended), computes the proposal with {@link CohortMatcher}, stores both, and records
 * the pins and forbids admins set between runs.
 */
@ApplicationScoped
public class MatchingRunService {

    /** Candidate mentors kept per mentee in the graph the algorithm works on. */
    static final int TOP_K = 50;

    @Inject
    EntityManager em;

    @Inject
    ProgramService programs;

    @Inject
    EnrolmentService enrolments;

    @Inject
    ObjectMapper json;

    @Transactional
    public MatchingRun run(UUID programId, MatchingRunRequest request, CurrentPerson caller) {
        Program p = programs.visible(programId, caller, true);
        if (!ProgramStatus.acceptsRuns(p.status)) {
            throw ProblemException.conflict("Runs are computed while a programme is enrolling or matching; it is "
                    + p.status);
        }
        if (request != null) {
            RunInputs current = inputs(p);
            for (PairRequest pin : orEmpty(request.pins())) {
                setRule(p, current, pin, PairRule.PIN, caller);
            }
            for (PairRequest forbid : orEmpty(request.forbids())) {
                setRule(p, current, forbid, PairRule.FORBID, caller);
            }
        }
        RunInputs inputs = inputs(p);
        CohortMatcher.Proposal proposal = new CohortMatcher(inputs).propose();
        MatchingRun run = new MatchingRun();
        run.id = UUID.randomUUID();
        run.programId = p.id;
        run.status = MatchingRun.PROPOSED;
        run.algorithm = p.algorithm;
        run.inputs = inputs;
        run.inputsHash = hash(inputs);
        run.objective = proposal.objective();
        run.pairs = new ArrayList<>(proposal.pairs());
        run.unmatched = new ArrayList<>(proposal.unmatched());
        run.createdBy = caller.profileId().orElse(null);
        run.createdAt = ProgramService.now();
        em.persist(run);
        programs.advance(p, ProgramStatus.MATCHING);
        return run;
    }

    @Transactional
    public MatchingRun get(UUID programId, UUID runId, CurrentPerson caller) {
        programs.visible(programId, caller, false);
        return find(programId, runId);
    }

    @Transactional
    public MatchingRunPage list(UUID programId, String cursor, int limit, CurrentPerson caller) {
        programs.visible(programId, caller, false);
        PageCursor after = cursor == null || cursor.isBlank() ? null : PageCursor.decode(cursor);
        var q = em.createQuery("SELECT r FROM MatchingRun r WHERE r.programId = :p"
                + (after == null ? "" : " AND (r.createdAt > :at OR (r.createdAt = :at AND r.id > :id))")
                + " ORDER BY r.createdAt, r.id", MatchingRun.class).setParameter("p", programId).setMaxResults(limit + 1);
        if (after != null) {
            q.setParameter("at", after.at()).setParameter("id", after.id());
        }
        List<MatchingRun> rows = q.getResultList();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = new PageCursor(rows.get(limit - 1).createdAt, rows.get(limit - 1).id).encode();
        }
        return new MatchingRunPage(rows.stream().map(MatchingRunView::of).toList(), next);
    }

    /** Records a pin or a forbid, named from a run of the programme; later runs honour it. */
    @Transactional
    public PairRule addRule(UUID programId, UUID runId, PairRequest pair, String rule, CurrentPerson caller) {
        Program p = programs.visible(programId, caller, true);
        find(programId, runId);
        if (!ProgramStatus.acceptsRuns(p.status)) {
            throw ProblemException.conflict("Pins and forbids change the next run; the programme is " + p.status);
        }
        return setRule(p, inputs(p), pair, rule, caller);
    }

    private PairRule setRule(Program p, RunInputs current, PairRequest pair, String rule, CurrentPerson caller) {
        if (PairRule.PIN.equals(rule)) {
            new CohortMatcher(current).refusal(pair.menteeId(), pair.mentorId()).ifPresent(why -> {
                throw new ProblemException(ProblemType.UNPROCESSABLE, "Cannot pin " + pair.menteeId() + " to "
                        + pair.mentorId() + ": " + why);
            });
            // A mentee has one pinned mentor: a new pin replaces the old one.
            em.createQuery("DELETE FROM PairRule r WHERE r.key.programId = :p AND r.key.menteeId = :m "
                    + "AND r.key.mentorId <> :t AND r.rule = 'pin'").setParameter("p", p.id)
                    .setParameter("m", pair.menteeId()).setParameter("t", pair.mentorId()).executeUpdate();
            long pinned = em.createQuery("SELECT count(r) FROM PairRule r WHERE r.key.programId = :p "
                    + "AND r.key.mentorId = :t AND r.key.menteeId <> :m AND r.rule = 'pin'", Long.class)
                    .setParameter("p", p.id).setParameter("t", pair.mentorId()).setParameter("m", pair.menteeId())
                    .getSingleResult();
            int capacity = current.participants().stream().filter(x -> x.profileId().equals(pair.mentorId()))
                    .mapToInt(RunInputs.Participant::capacity).findFirst().orElse(0);
            if (!"peer".equals(p.kind) && pinned >= capacity) {
                throw ProblemException.conflict("Mentor " + pair.mentorId() + " already has " + pinned
                        + " pinned mentees, their capacity");
            }
        } else if (current.participants().stream().noneMatch(x -> x.profileId().equals(pair.menteeId()))
                || current.participants().stream().noneMatch(x -> x.profileId().equals(pair.mentorId()))) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Both people must be enrolled in the programme");
        }
        PairRule.Key key = new PairRule.Key(p.id, pair.menteeId(), pair.mentorId());
        PairRule r = em.find(PairRule.class, key);
        if (r == null) {
            r = new PairRule();
            r.key = key;
            r.rule = rule;
            r.createdBy = caller.profileId().orElse(null);
            r.createdAt = ProgramService.now();
            em.persist(r);
        } else if (!rule.equals(r.rule)) {
            r.rule = rule;
            r.createdBy = caller.profileId().orElse(null);
            r.createdAt = ProgramService.now();
        }
        em.flush();
        return r;
    }

    MatchingRun find(UUID programId, UUID runId) {
        MatchingRun run = em.find(MatchingRun.class, runId);
        if (run == null || !run.programId.equals(programId)) {
            throw ProblemException.notFound("Matching run", runId);
        }
        return run;
    }

    /** The run's inputs as of now, in canonical order. */
    RunInputs inputs(Program p) {
        List<Enrolment> enrolled = enrolments.all(p.id);
        Map<UUID, Object[]> profiles = new HashMap<>();
        if (!enrolled.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT profile_id, status, erased, level, department, location, "
                    + "time_zone, array_to_string(languages, chr(31)), CAST(skills AS text), "
                    + "array_to_string(management_chain, ','), quality, rating_count FROM matching.candidate WHERE profile_id IN (:ids)")
                    .setParameter("ids", enrolled.stream().map(e -> e.profileId).toList()).getResultList();
            rows.forEach(r -> profiles.put((UUID) r[0], r));
        }
        List<RunInputs.Participant> participants = new ArrayList<>();
        for (Enrolment e : enrolled) {
            Object[] r = profiles.get(e.profileId);
            boolean available = r != null && "active".equals(r[1]) && !Boolean.TRUE.equals(r[2]);
            int capacity = switch (e.role) {
                case Enrolment.MENTOR -> e.capacity != null ? e.capacity
                        : "group".equals(p.kind) ? p.groupSize : p.mentorCapacity;
                case Enrolment.PEER -> 1;
                default -> 0;
            };
            if (!available) {
                participants.add(new RunInputs.Participant(e.profileId, e.role, false, null, null, null, null, List.of(),
                        Map.of(), List.copyOf(e.goals), capacity, List.of(), null, 0));
                continue;
            }
            participants.add(new RunInputs.Participant(e.profileId, e.role, true, (Integer) r[3], (String) r[4],
                    (String) r[5], (String) r[6], split((String) r[7], "\u001f"), skills((String) r[8]),
                    List.copyOf(e.goals), capacity, split((String) r[9], ",").stream().map(UUID::fromString).toList(),
                    r[10] == null ? null : ((Number) r[10]).doubleValue(), r[11] == null ? 0 : ((Number) r[11]).intValue()));
        }
        participants.sort(Comparator.comparing(x -> x.profileId().toString()));
        List<RunInputs.PairRef> pins = new ArrayList<>();
        List<RunInputs.PairRef> forbids = new ArrayList<>();
        for (PairRule rule : em.createQuery("SELECT r FROM PairRule r WHERE r.key.programId = :p", PairRule.class)
                .setParameter("p", p.id).getResultList()) {
            (PairRule.PIN.equals(rule.rule) ? pins : forbids)
                    .add(new RunInputs.PairRef(rule.key.menteeId(), rule.key.mentorId()));
        }
        Comparator<RunInputs.PairRef> byIds = Comparator.comparing((RunInputs.PairRef x) -> x.menteeId().toString())
                .thenComparing(x -> x.mentorId().toString());
        pins.sort(byIds);
        forbids.sort(byIds);
        return new RunInputs(p.kind, p.algorithm, p.weights, p.eligibility, TOP_K, participants, pins, forbids,
                endedPairs(participants));
    }

    /** Pairs among the participants whose earlier mentorship ended; they are never proposed again. */
    List<RunInputs.PairRef> endedPairs(List<RunInputs.Participant> participants) {
        if (participants.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT DISTINCT mentee_id, mentor_id FROM matching.mentorship "
                + "WHERE status = 'ended' AND end_reason = 'ended_early' AND mentee_id IN (:ids) AND mentor_id IN (:ids)")
                .setParameter("ids", participants.stream().map(RunInputs.Participant::profileId).toList())
                .getResultList();
        return rows.stream().map(r -> new RunInputs.PairRef((UUID) r[0], (UUID) r[1]))
                .sorted(Comparator.comparing((RunInputs.PairRef x) -> x.menteeId().toString())
                        .thenComparing(x -> x.mentorId().toString()))
                .toList();
    }

    private static List<String> split(String joined, String separator) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return List.of(joined.split(Pattern.quote(separator)));
    }

    private Map<String, Integer> skills(String skillsJson) {
        try {
            List<Map<String, Object>> list = json.readValue(skillsJson == null ? "[]" : skillsJson,
                    new TypeReference<List<Map<String, Object>>>() { });
            Map<String, Integer> skills = new TreeMap<>();
            for (Map<String, Object> s : list) {
                if (s.get("skill") instanceof String name && s.get("proficiency") instanceof Number level) {
                    skills.merge(name, level.intValue(), Math::max);
                }
            }
            return skills;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable skills in the candidate read model", e);
        }
    }

    private String hash(RunInputs inputs) {
        try {
            byte[] canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(inputs).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Marks a run published; the programme's one published run, guarded by a row lock and a unique index. */
    MatchingRun markPublished(Program p, MatchingRun run) {
        if (MatchingRun.PUBLISHED.equals(run.status)) {
            throw ProblemException.conflict("Matching run " + run.id + " is already published");
        }
        long published = em.createQuery("SELECT count(r) FROM MatchingRun r WHERE r.programId = :p AND r.status = 'published'",
                Long.class).setParameter("p", p.id).getSingleResult();
        if (published > 0 || !ProgramStatus.acceptsRuns(p.status)) {
            throw ProblemException.conflict("The programme already runs a published matching (status " + p.status + ")");
        }
        run.status = MatchingRun.PUBLISHED;
        run.publishedAt = ProgramService.now();
        programs.advance(p, ProgramStatus.RUNNING);
        return run;
    }

    Program lockVisible(UUID programId, CurrentPerson caller) {
        return programs.visible(programId, caller, true);
    }

}
