package org.mentoring.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OptimalAssignmentPropertiesTest {

    static double bruteForce(CandidateGraph g, Set<PairKey> forbidden) {
        return search(g, forbidden, 0, new int[g.mentorCount()]);
    }

    private static double search(CandidateGraph g, Set<PairKey> forbidden, int i, int[] load) {
        if (i == g.menteeCount()) {
            return 0;
        }
        double best = search(g, forbidden, i + 1, load);
        for (int a = g.rowStart(i); a < g.rowEnd(i); a++) {
            int j = g.arcMentor(a);
            if (load[j] < g.capacity(j) && !forbidden.contains(new PairKey(g.menteeId(i), g.mentorId(j)))) {
                load[j]++;
                best = Math.max(best, g.arcScore(a) + search(g, forbidden, i + 1, load));
                load[j]--;
            }
        }
        return best;
    }

    static void assertFeasible(CandidateGraph g, Assignment result, Set<PairKey> forbidden) {
        Map<String, Integer> load = new HashMap<>();
        Set<String> seen = new HashSet<>();
        double total = 0;
        for (Assignment.Match match : result.matches()) {
            assertTrue(seen.add(match.menteeId()), "mentee matched twice");
            int i = g.menteeIndex(match.menteeId());
            int j = g.mentorIndex(match.mentorId());
            int a = g.arc(i, j);
            if (!match.pinned()) {
                assertTrue(a >= 0, "pair outside the candidate graph");
                assertTrue(!forbidden.contains(new PairKey(match.menteeId(), match.mentorId())), "forbidden pair used");
                assertEquals(g.arcScore(a), match.score(), 0.0);
            }
            int l = load.merge(match.mentorId(), 1, Integer::sum);
            assertTrue(l <= g.capacity(j), "capacity exceeded for " + match.mentorId());
            total += match.score();
        }
        for (Assignment.Unmatched u : result.unmatched()) {
            assertTrue(seen.add(u.menteeId()), "mentee both matched and unmatched");
        }
        assertEquals(g.menteeCount(), seen.size());
        assertEquals(total, result.objective(), 1e-9);
    }

    @Test
    void optimalEqualsBruteForce() {
        SeededInstances.forEachSeed(3000, random -> {
            CandidateGraph g = SeededInstances.graph(random, 6, 4);
            Set<PairKey> forbidden = new HashSet<>();
            for (int i = 0; i < g.menteeCount(); i++) {
                for (int a = g.rowStart(i); a < g.rowEnd(i); a++) {
                    if (random.nextInt(8) == 0) {
                        forbidden.add(new PairKey(g.menteeId(i), g.mentorId(g.arcMentor(a))));
                    }
                }
            }
            Assignment result = OptimalAssignment.solve(g, Set.of(), forbidden);
            assertFeasible(g, result, forbidden);
            assertEquals(bruteForce(g, forbidden), result.objective(), 1e-9);
        });
    }

    @Test
    void largerInstancesStayFeasibleAndDeterministic() {
        SeededInstances.forEachSeed(300, random -> {
            CandidateGraph g = SeededInstances.graph(random, 40, 12);
            Assignment first = OptimalAssignment.solve(g);
            assertFeasible(g, first, Set.of());
            assertEquals(first, OptimalAssignment.solve(g));
            for (Assignment.Match match : first.matches()) {
                assertTrue(match.score() > 0, "a pair that lowers the total is never proposed");
            }
        });
    }

    @Test
    void pinsAreKeptAndTheRestIsOptimal() {
        SeededInstances.forEachSeed(500, random -> {
            CandidateGraph g = SeededInstances.graph(random, 5, 4);
            int i = random.nextInt(g.menteeCount());
            int j = random.nextInt(g.mentorCount());
            if (g.capacity(j) == 0) {
                return; // a mentor without capacity cannot take a pin
            }
            PairKey pin = new PairKey(g.menteeId(i), g.mentorId(j));
            Assignment result = OptimalAssignment.solve(g, Set.of(pin), Set.of());
            assertFeasible(g, result, Set.of());
            assertTrue(result.matches().stream().anyMatch(x -> x.pinned() && x.menteeId().equals(pin.menteeId())
                    && x.mentorId().equals(pin.mentorId())));
            // Brute force over the rest: the pinned mentee is removed and takes one slot of its mentor.
            CandidateGraph.Builder rest = CandidateGraph.builder();
            for (int t = 0; t < g.mentorCount(); t++) {
                rest.mentor(g.mentorId(t), g.capacity(t) - (t == j ? 1 : 0));
            }
            for (int e = 0; e < g.menteeCount(); e++) {
                if (e == i) {
                    continue;
                }
                rest.mentee(g.menteeId(e));
                for (int a = g.rowStart(e); a < g.rowEnd(e); a++) {
                    rest.arc(g.menteeId(e), g.mentorId(g.arcMentor(a)), g.arcScore(a));
                }
            }
            int pinArc = g.arc(i, j);
            double pinScore = pinArc >= 0 ? g.arcScore(pinArc) : 0.0;
            assertEquals(bruteForce(rest.build(), Set.of()) + pinScore, result.objective(), 1e-9);
        });
    }
}
