package org.mentoring.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The cost-scaling solver against the successive-shortest-path solver on instances too large for brute
 * force, built to hit the corners of cost scaling: many equal scores (ties everywhere), mentors without
 * capacity or filled by pins, forbidden pairs, mentees without candidates or with only pairs of score zero
 * or less, and more demand than capacity. Both must reach the same integer objective.
 */
class OptimalAssignmentCostScalingTest {

    @Test
    void sameOptimumAsShortestPathsOnTiedAndConstrainedInstances() {
        SeededInstances.forEachSeed(400, random -> {
            Instance x = instance(random, 1 + random.nextInt(120), 1 + random.nextInt(30));
            Assignment fast = OptimalAssignment.solve(x.graph, x.pins, x.forbidden);
            Assignment reference = OptimalAssignment.solveByShortestPaths(x.graph, x.pins, x.forbidden);
            OptimalAssignmentPropertiesTest.assertFeasible(x.graph, fast, x.forbidden);
            assertPinsKept(fast, x.pins);
            assertEquals(integerCost(reference), integerCost(fast), "objective in micro-units");
            assertEquals(fast, OptimalAssignment.solve(x.graph, x.pins, x.forbidden), "deterministic");
            for (Assignment.Match match : fast.matches()) {
                assertTrue(match.pinned() || match.score() > 0, "a pair that lowers the total is never proposed");
            }
            assertSameReasons(fast, reference);
        });
    }

    @Test
    void allScoresEqualGivesAMaximumCardinalityAssignment() {
        SeededInstances.forEachSeed(200, random -> {
            int n = 1 + random.nextInt(80);
            int m = 1 + random.nextInt(20);
            CandidateGraph.Builder b = CandidateGraph.builder();
            for (int j = 0; j < m; j++) {
                b.mentor("t" + j, random.nextInt(3));
            }
            for (int i = 0; i < n; i++) {
                b.mentee("e" + i);
                for (int j = 0; j < m; j++) {
                    if (random.nextInt(5) == 0) {
                        b.arc("e" + i, "t" + j, 0.5);
                    }
                }
            }
            CandidateGraph g = b.build();
            Assignment fast = OptimalAssignment.solve(g);
            Assignment reference = OptimalAssignment.solveByShortestPaths(g, Set.of(), Set.of());
            OptimalAssignmentPropertiesTest.assertFeasible(g, fast, Set.of());
            assertEquals(reference.matches().size(), fast.matches().size());
            assertEquals(integerCost(reference), integerCost(fast));
        });
    }

    @Test
    void candidateListsLikeTheBenchmarkReachTheSameOptimum() {
        for (long seed = 1; seed <= 3; seed++) {
            CandidateGraph g = OptimalAssignmentBenchmarkTest.graph(1_500, 300 + 100 * (int) seed, seed);
            Assignment fast = OptimalAssignment.solve(g);
            Assignment reference = OptimalAssignment.solveByShortestPaths(g, Set.of(), Set.of());
            OptimalAssignmentPropertiesTest.assertFeasible(g, fast, Set.of());
            assertEquals(integerCost(reference), integerCost(fast), "seed " + seed);
        }
    }

    @Test
    void scoresTooLargeForScaledCostsFallBackToShortestPaths() {
        SeededInstances.forEachSeed(200, random -> {
            CandidateGraph small = SeededInstances.graph(random, 6, 4);
            CandidateGraph.Builder b = CandidateGraph.builder();
            for (int j = 0; j < small.mentorCount(); j++) {
                b.mentor(small.mentorId(j), small.capacity(j));
            }
            for (int i = 0; i < small.menteeCount(); i++) {
                b.mentee(small.menteeId(i));
                for (int a = small.rowStart(i); a < small.rowEnd(i); a++) {
                    // Around 2e16 micro-units: times the node count squared this no longer fits a long.
                    b.arc(small.menteeId(i), small.mentorId(small.arcMentor(a)), 2e10 + 1000 * small.arcScore(a));
                }
            }
            CandidateGraph g = b.build();
            Assignment result = OptimalAssignment.solve(g);
            OptimalAssignmentPropertiesTest.assertFeasible(g, result, Set.of());
            assertEquals(OptimalAssignment.solveByShortestPaths(g, Set.of(), Set.of()), result);
            assertEquals(OptimalAssignmentPropertiesTest.bruteForce(g, Set.of()), result.objective(), 1e-3);
        });
    }

    @Test
    void menteesWithoutUsefulCandidatesAreReportedWithTheirReason() {
        CandidateGraph g = CandidateGraph.builder()
                .mentor("full", 0).mentor("m1", 1).mentor("m2", 1)
                .mentee("alone")
                .arc("zero", "m1", 0.0)
                .arc("onlyFull", "full", 0.9)
                .arc("a", "m1", 0.7).arc("a", "m2", 0.7)
                .arc("b", "m1", 0.7).arc("b", "m2", 0.7)
                .arc("c", "m1", 0.7).arc("c", "m2", 0.7)
                .build();
        Assignment result = OptimalAssignment.solve(g);
        assertEquals(2, result.matches().size());
        assertEquals(1.4, result.objective(), 1e-12);
        Map<String, Assignment.UnmatchedReason> reasons = new HashMap<>();
        result.unmatched().forEach(u -> reasons.put(u.menteeId(), u.reason()));
        assertEquals(Assignment.UnmatchedReason.NO_ELIGIBLE_MENTOR, reasons.get("alone"));
        assertEquals(Assignment.UnmatchedReason.NO_ELIGIBLE_MENTOR, reasons.get("onlyFull"));
        assertEquals(Assignment.UnmatchedReason.NO_BENEFICIAL_MENTOR, reasons.get("zero"));
        assertEquals(1, result.unmatched().stream()
                .filter(u -> u.reason() == Assignment.UnmatchedReason.ELIGIBLE_MENTORS_AT_CAPACITY).count());
    }

    private record Instance(CandidateGraph graph, Set<PairKey> pins, Set<PairKey> forbidden) {
    }

    /** Scores from a handful of values (half of them ties), some capacities zero, pins and forbidden pairs. */
    private static Instance instance(Random random, int n, int m) {
        double[] values = {-0.2, 0.0, 0.25, 0.5, 0.5, 0.75, 1.0};
        CandidateGraph.Builder b = CandidateGraph.builder();
        int[] capacity = new int[m];
        for (int j = 0; j < m; j++) {
            capacity[j] = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(4);
            b.mentor("t" + j, capacity[j]);
        }
        int degree = 1 + random.nextInt(Math.min(m, 12));
        for (int i = 0; i < n; i++) {
            b.mentee("e" + i);
            if (random.nextInt(10) == 0) {
                continue; // no candidates at all
            }
            for (int j = 0; j < m; j++) {
                if (random.nextInt(m) < degree) {
                    b.arc("e" + i, "t" + j, values[random.nextInt(values.length)]);
                }
            }
        }
        CandidateGraph g = b.build();
        Set<PairKey> pins = new HashSet<>();
        int[] load = new int[m];
        Set<Integer> pinned = new HashSet<>();
        for (int p = random.nextInt(4); p > 0; p--) {
            int i = random.nextInt(g.menteeCount());
            int j = random.nextInt(m);
            if (load[j] < g.capacity(j) && pinned.add(i)) {
                load[j]++;
                pins.add(new PairKey(g.menteeId(i), g.mentorId(j)));
            }
        }
        Set<PairKey> forbidden = new HashSet<>();
        for (int i = 0; i < g.menteeCount(); i++) {
            for (int a = g.rowStart(i); a < g.rowEnd(i); a++) {
                if (random.nextInt(10) == 0) {
                    forbidden.add(new PairKey(g.menteeId(i), g.mentorId(g.arcMentor(a))));
                }
            }
        }
        return new Instance(g, pins, forbidden);
    }

    private static long integerCost(Assignment assignment) {
        long cost = 0;
        for (Assignment.Match match : assignment.matches()) {
            cost += OptimalAssignment.cost(match.score());
        }
        return cost;
    }

    private static void assertPinsKept(Assignment result, Set<PairKey> pins) {
        for (PairKey pin : pins) {
            assertTrue(result.matches().stream().anyMatch(x -> x.pinned() && x.menteeId().equals(pin.menteeId())
                    && x.mentorId().equals(pin.mentorId())), "pin kept: " + pin);
        }
    }

    /** A mentee left unmatched by both solvers gets the same reason from both. */
    private static void assertSameReasons(Assignment fast, Assignment reference) {
        Map<String, Assignment.UnmatchedReason> expected = new HashMap<>();
        reference.unmatched().forEach(u -> expected.put(u.menteeId(), u.reason()));
        for (Assignment.Unmatched u : fast.unmatched()) {
            if (expected.containsKey(u.menteeId())) {
                assertEquals(expected.get(u.menteeId()), u.reason(), "reason for " + u.menteeId());
            }
        }
    }
}
