package org.mentoring.matching.program;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.mentoring.matching.engine.Assignment;
import org.mentoring.matching.engine.CandidateGraph;
import org.mentoring.matching.engine.Exclusion;
import org.mentoring.matching.engine.Goal;
import org.mentoring.matching.engine.MentoringKind;
import org.mentoring.matching.engine.OptimalAssignment;
import org.mentoring.matching.engine.OrgChart;
import org.mentoring.matching.engine.PairKey;
import org.mentoring.matching.engine.PairScore;
import org.mentoring.matching.engine.PeerMatching;
import org.mentoring.matching.engine.Person;
import org.mentoring.matching.engine.ScoreBreakdown;
import org.mentoring.matching.engine.Scoring;
import org.mentoring.matching.engine.StableAssignment;

/**
 * Turns a run's inputs into a proposal with the engine: scores every mentee against every mentor (hard
 * constraints first), keeps each mentee's top-K as the candidate graph, takes the pinned pairs out first, drops
 * forbidden pairs, runs the programme's algorithm and explains who is left unmatched and why. Pure: no database,
 * and the same inputs always give the same proposal. Scoring is O(n m) for n mentees and m mentors, which a
 * programme cohort (hundreds to a few thousand people) affords; the algorithm then works on n K arcs.
 */
public final class CohortMatcher {

    /** A run's result: pairs in mentee-id order, the unmatched in profile-id order, and the total score. */
    public record Proposal(List<ProposedPair> pairs, List<UnmatchedPerson> unmatched, double objective) {
    }

    private final RunInputs in;
    private final Map<UUID, RunInputs.Participant> byId = new HashMap<>();
    private final Map<String, String> canonicalSkill = new HashMap<>();
    private final Set<PairKey> forbidden = new HashSet<>();
    private final Scoring scoring;

    public CohortMatcher(RunInputs inputs) {
        this.in = inputs;
        for (RunInputs.Participant p : inputs.participants()) {
            byId.put(p.profileId(), p);
            p.skills().keySet().forEach(s -> canonicalSkill.putIfAbsent(s.toLowerCase(Locale.ROOT), s));
        }
        inputs.forbids().forEach(f -> forbidden.add(key(f.menteeId(), f.mentorId())));
        Set<PairKey> ended = inputs.endedPairs().stream().map(p -> key(p.menteeId(), p.mentorId()))
                .collect(Collectors.toSet());
        this.scoring = new Scoring(mentoringKind(inputs.kind()), inputs.weights().toEngine(), orgChart(inputs),
                ended, (mentee, mentor) -> true);
    }

    public static MentoringKind mentoringKind(String programKind) {
        return switch (programKind) {
            case "peer" -> MentoringKind.PEER;
            case "reverse" -> MentoringKind.REVERSE;
            default -> MentoringKind.CLASSIC;
        };
    }

    /**
     * Why the pair may not be matched (a hard constraint, in words), or empty when it may. In a peer programme
     * the constraints are checked both ways.
     */
    public Optional<String> refusal(UUID menteeId, UUID mentorId) {
        RunInputs.Participant a = byId.get(menteeId);
        RunInputs.Participant b = byId.get(mentorId);
        if (a == null || b == null) {
            return Optional.of("both people must be enrolled in the programme");
        }
        boolean peer = "peer".equals(in.kind());
        if (!peer && (!Enrolment.MENTEE.equals(a.role()) || !Enrolment.MENTOR.equals(b.role()))) {
            return Optional.of("the first person must be enrolled as mentee and the second as mentor");
        }
        if (!a.available() || !b.available()) {
            return Optional.of("a profile is deactivated, erased or unknown");
        }
        Person mentee = person(a);
        Person mentor = person(b);
        Optional<Exclusion> exclusion = scoring.exclusion(mentee, mentor);
        if (exclusion.isEmpty() && peer) {
            exclusion = scoring.exclusion(mentor, mentee);
        }
        return exclusion.map(e -> switch (e) {
            case SELF -> "a person cannot be paired with themself";
            case MANAGEMENT_CHAIN -> "conflict of interest: one is in the other's management chain";
            case NO_SHARED_LANGUAGE -> "they share no language";
            case NO_CAPACITY -> "the mentor has no capacity";
            case NOT_ELIGIBLE -> "not eligible";
            case PAIR_ENDED -> "this pair already had a mentorship that ended";
        });
    }

    public Proposal propose() {
        List<UnmatchedPerson> unmatched = new ArrayList<>();
        Map<UUID, Person> ready = new TreeMap<>();
        for (RunInputs.Participant p : in.participants()) {
            if (!p.available()) {
                unmatched.add(new UnmatchedPerson(p.profileId(), p.role(), "profile_unavailable",
                        "the profile is deactivated, erased or not known to matching"));
                continue;
            }
            String refusal = in.eligibility().refusal(p.department(), p.level(), p.location());
            if (refusal != null) {
                unmatched.add(new UnmatchedPerson(p.profileId(), p.role(), "not_eligible", "no longer eligible: " + refusal));
                continue;
            }
            ready.put(p.profileId(), person(p));
        }
        Proposal proposal = "peer".equals(in.kind()) ? peers(ready, unmatched) : bipartite(ready, unmatched);
        List<UnmatchedPerson> sorted = new ArrayList<>(proposal.unmatched());
        sorted.sort(Comparator.comparing(UnmatchedPerson::profileId));
        return new Proposal(proposal.pairs(), sorted, proposal.objective());
    }

    private Proposal bipartite(Map<UUID, Person> ready, List<UnmatchedPerson> unmatched) {
        List<Person> mentees = new ArrayList<>();
        List<Person> mentors = new ArrayList<>();
        for (Map.Entry<UUID, Person> e : ready.entrySet()) {
            (Enrolment.MENTOR.equals(byId.get(e.getKey()).role()) ? mentors : mentees).add(e.getValue());
        }
        Map<String, Integer> capacity = new HashMap<>();
        mentors.forEach(m -> capacity.put(m.id(), m.remainingCapacity()));
        Map<String, Person> people = new HashMap<>();
        ready.values().forEach(p -> people.put(p.id(), p));

        List<ProposedPair> pairs = new ArrayList<>();
        Set<String> pinnedMentees = new HashSet<>();
        for (RunInputs.PairRef pin : in.pins()) {
            Person mentee = people.get(pin.menteeId().toString());
            Person mentor = people.get(pin.mentorId().toString());
            if (mentee == null || mentor == null || !mentees.contains(mentee) || !mentors.contains(mentor)
                    || pinnedMentees.contains(mentee.id()) || capacity.get(mentor.id()) <= 0
                    || scoring.exclusion(mentee, mentor).isPresent()) {
                continue;
            }
            pinnedMentees.add(mentee.id());
            capacity.merge(mentor.id(), -1, Integer::sum);
            pairs.add(pair(scoring.score(mentee, mentor), mentee, true));
        }

        CandidateGraph.Builder graph = CandidateGraph.builder();
        mentors.forEach(m -> graph.mentor(m.id(), capacity.get(m.id())));
        Map<PairKey, PairScore> scores = new HashMap<>();
        Map<String, String> noArcReason = new HashMap<>();
        for (Person mentee : mentees) {
            if (pinnedMentees.contains(mentee.id())) {
                continue;
            }
            graph.mentee(mentee.id());
            Map<Exclusion, Integer> excluded = new EnumMap<>(Exclusion.class);
            int forbiddenCount = 0;
            List<PairScore> eligible = new ArrayList<>();
            for (Person mentor : mentors) {
                Optional<Exclusion> exclusion = scoring.exclusion(mentee, mentor);
                if (exclusion.isPresent()) {
                    excluded.merge(exclusion.get(), 1, Integer::sum);
                } else if (forbidden.contains(new PairKey(mentee.id(), mentor.id()))) {
                    forbiddenCount++;
                } else {
                    eligible.add(scoring.score(mentee, mentor));
                }
            }
            eligible.sort(Comparator.comparingDouble(PairScore::score).reversed().thenComparing(PairScore::mentorId));
            for (PairScore s : eligible.subList(0, Math.min(in.topK(), eligible.size()))) {
                graph.arc(s.menteeId(), s.mentorId(), s.score());
                scores.put(new PairKey(s.menteeId(), s.mentorId()), s);
            }
            if (eligible.isEmpty()) {
                noArcReason.put(mentee.id(), noMentorReason(mentors.size(), excluded, forbiddenCount));
            }
        }
        CandidateGraph built = graph.build();
        Assignment assignment = "STABLE".equals(in.algorithm()) ? StableAssignment.solve(built)
                : OptimalAssignment.solve(built);
        for (Assignment.Match m : assignment.matches()) {
            PairScore s = scores.get(new PairKey(m.menteeId(), m.mentorId()));
            pairs.add(pair(s, people.get(m.menteeId()), false));
        }
        for (Assignment.Unmatched u : assignment.unmatched()) {
            String reasonAndDetail = noArcReason.get(u.menteeId());
            if (reasonAndDetail == null) {
                reasonAndDetail = switch (u.reason()) {
                    case ELIGIBLE_MENTORS_AT_CAPACITY -> "no_mentor_with_capacity|every eligible mentor's places "
                            + "went to mentees they suit better";
                    case NO_BENEFICIAL_MENTOR -> "no_beneficial_mentor|every eligible mentor scores zero for this mentee";
                    case NO_ELIGIBLE_MENTOR -> "no_eligible_mentor|no mentor passes the hard constraints";
                };
            }
            String[] parts = reasonAndDetail.split("\\|", 2);
            unmatched.add(new UnmatchedPerson(UUID.fromString(u.menteeId()), Enrolment.MENTEE, parts[0], parts[1]));
        }
        if (mentors.isEmpty()) {
            // The builder never saw a mentor, so the engine reports mentees the same way; keep the explanation.
            unmatched.replaceAll(u -> u.reason().equals("no_eligible_mentor")
                    ? new UnmatchedPerson(u.profileId(), u.role(), u.reason(), "nobody is enrolled as a mentor") : u);
        }
        pairs.sort(Comparator.comparing(ProposedPair::menteeId));
        return new Proposal(pairs, unmatched, total(pairs));
    }

    /** The unmatched reason (code|detail) for a mentee no mentor can take. */
    private static String noMentorReason(int mentorCount, Map<Exclusion, Integer> excluded, int forbiddenCount) {
        if (mentorCount == 0) {
            return "no_eligible_mentor|nobody is enrolled as a mentor";
        }
        int conflicts = excluded.getOrDefault(Exclusion.MANAGEMENT_CHAIN, 0)
                + excluded.getOrDefault(Exclusion.PAIR_ENDED, 0) + forbiddenCount;
        String counts = excluded.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", "));
        if (forbiddenCount > 0) {
            counts = counts.isEmpty() ? forbiddenCount + " forbidden" : counts + ", " + forbiddenCount + " forbidden";
        }
        if (conflicts > 0 && conflicts + excluded.getOrDefault(Exclusion.SELF, 0) == mentorCount) {
            return "only_conflicts|every mentor is in the management chain, a pair that already ended or forbidden ("
                    + counts + ")";
        }
        if (excluded.getOrDefault(Exclusion.NO_CAPACITY, 0) == mentorCount) {
            return "no_mentor_with_capacity|every mentor is already at capacity";
        }
        return "no_eligible_mentor|no mentor passes the hard constraints (" + counts + ")";
    }

    private Proposal peers(Map<UUID, Person> ready, List<UnmatchedPerson> unmatched) {
        List<Person> members = new ArrayList<>(ready.values());
        Map<String, Person> people = new HashMap<>();
        members.forEach(p -> people.put(p.id(), p));
        List<ProposedPair> pairs = new ArrayList<>();
        Set<String> paired = new HashSet<>();
        for (RunInputs.PairRef pin : in.pins()) {
            Person a = people.get(pin.menteeId().toString());
            Person b = people.get(pin.mentorId().toString());
            if (a == null || b == null || a == b || paired.contains(a.id()) || paired.contains(b.id())
                    || scoring.exclusion(a, b).isPresent() || scoring.exclusion(b, a).isPresent()) {
                continue;
            }
            paired.add(a.id());
            paired.add(b.id());
            pairs.add(peerPair(a, b, true));
        }
        List<String> pool = members.stream().map(Person::id).filter(id -> !paired.contains(id)).toList();
        List<PeerMatching.Edge> edges = new ArrayList<>();
        Set<String> hasEdge = new HashSet<>();
        for (int i = 0; i < pool.size(); i++) {
            for (int j = i + 1; j < pool.size(); j++) {
                Person a = people.get(pool.get(i));
                Person b = people.get(pool.get(j));
                if (scoring.exclusion(a, b).isPresent() || scoring.exclusion(b, a).isPresent()
                        || forbidden.contains(new PairKey(a.id(), b.id()))
                        || forbidden.contains(new PairKey(b.id(), a.id()))) {
                    continue;
                }
                edges.add(new PeerMatching.Edge(a.id(), b.id(), benefit(a, b)));
                hasEdge.add(a.id());
                hasEdge.add(b.id());
            }
        }
        PeerMatching.Result result = PeerMatching.solve(pool, edges);
        for (PeerMatching.Pair p : result.pairs()) {
            pairs.add(peerPair(people.get(p.a()), people.get(p.b()), false));
        }
        for (String id : result.unpaired()) {
            unmatched.add(hasEdge.contains(id)
                    ? new UnmatchedPerson(UUID.fromString(id), Enrolment.PEER, "odd_one_out",
                            "every compatible peer was paired with someone who suits them better")
                    : new UnmatchedPerson(UUID.fromString(id), Enrolment.PEER, "no_compatible_peer",
                            "no other peer passes the hard constraints (language, management chain, ended pairs)"));
        }
        pairs.sort(Comparator.comparing(ProposedPair::menteeId));
        return new Proposal(pairs, unmatched, total(pairs));
    }

    /** Mutual benefit of two peers: the mean of what each brings the other. */
    private double benefit(Person a, Person b) {
        return (scoring.score(a, b).score() + scoring.score(b, a).score()) / 2;
    }

    private ProposedPair peerPair(Person a, Person b, boolean pinned) {
        PairScore ab = scoring.score(a, b);
        PairScore ba = scoring.score(b, a);
        Map<String, Double> breakdown = new LinkedHashMap<>();
        for (ScoreBreakdown.Component c : ScoreBreakdown.Component.values()) {
            breakdown.put(componentName(c), (ab.breakdown().of(c) + ba.breakdown().of(c)) / 2);
        }
        return new ProposedPair(UUID.fromString(a.id()), UUID.fromString(b.id()), benefit(a, b), breakdown,
                ab.reasons(), goalSkills(a), pinned);
    }

    private ProposedPair pair(PairScore s, Person mentee, boolean pinned) {
        Map<String, Double> breakdown = new LinkedHashMap<>();
        for (ScoreBreakdown.Component c : ScoreBreakdown.Component.values()) {
            breakdown.put(componentName(c), s.breakdown().of(c));
        }
        return new ProposedPair(UUID.fromString(s.menteeId()), UUID.fromString(s.mentorId()), s.score(),
                breakdown, s.reasons(), goalSkills(mentee), pinned);
    }

    private static List<String> goalSkills(Person mentee) {
        return mentee.goals().stream().map(Goal::skill).toList();
    }

    private static String componentName(ScoreBreakdown.Component c) {
        return switch (c) {
            case GOALS -> "goals";
            case SENIORITY -> "seniority";
            case PERSPECTIVE -> "perspective";
            case WORKING_HOURS -> "workingHours";
            case CAPACITY -> "capacity";
            case QUALITY -> "quality";
        };
    }

    private static double total(List<ProposedPair> pairs) {
        double total = 0;
        for (ProposedPair p : pairs) {
            total += p.score();
        }
        return total;
    }

    private Person person(RunInputs.Participant p) {
        List<Goal> goals = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (EnrolmentGoal g : p.goals()) {
            String skill = canonicalSkill.getOrDefault(g.skill().toLowerCase(Locale.ROOT), g.skill());
            if (seen.add(skill)) {
                goals.add(new Goal(skill, g.priority(), g.targetLevel()));
            }
        }
        return new Person(p.profileId().toString(), p.level() == null ? Person.UNKNOWN_LEVEL : p.level(),
                p.department(), p.location(),
                zone(p.timeZone()), Set.copyOf(p.languages()), p.skills(), goals, List.of(), Math.max(0, p.capacity()),
                0, p.quality() == null ? 0 : p.ratingCount(), ratingSum(p.quality(), p.ratingCount()));
    }

    /**
     * feedback-service sends the damped rating itself; the engine damps from a count and a sum, so the sum is the
     * one that makes the engine's damped rating equal the received value.
     */
    private double ratingSum(Double quality, int count) {
        if (quality == null) {
            return 0;
        }
        var w = in.weights().toEngine();
        return quality * (w.qualityPriorWeight() + count) - w.qualityPriorMean() * w.qualityPriorWeight();
    }

    private static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** Reporting lines from each participant's management chain (nearest manager first). */
    private static OrgChart orgChart(RunInputs inputs) {
        Map<String, String> managerOf = new HashMap<>();
        for (RunInputs.Participant p : inputs.participants()) {
            String below = p.profileId().toString();
            for (UUID manager : p.managementChain()) {
                managerOf.putIfAbsent(below, manager.toString());
                below = manager.toString();
            }
        }
        return new OrgChart(managerOf);
    }

    private static PairKey key(UUID mentee, UUID mentor) {
        return new PairKey(mentee.toString(), mentor.toString());
    }
}
