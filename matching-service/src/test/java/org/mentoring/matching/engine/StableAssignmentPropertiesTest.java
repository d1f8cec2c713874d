package org.mentoring.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StableAssignmentPropertiesTest {

    @Test
    void scoreDerivedPreferencesGiveNoBlockingPair() {
        SeededInstances.forEachSeed(2000, random -> {
            CandidateGraph g = SeededInstances.graph(random, 12, 6);
            Assignment result = StableAssignment.solve(g);
            OptimalAssignmentPropertiesTest.assertFeasible(g, result, Set.of());
            Map<String, Integer> heldArc = heldArcs(g, result);
            Map<Integer, List<Integer>> byMentor = byMentor(g, heldArc);
            for (int i = 0; i < g.menteeCount(); i++) {
                Integer mine = heldArc.get(g.menteeId(i));
                for (int arc = g.rowStart(i); arc < g.rowEnd(i); arc++) {
                    int a = arc;
                    if (mine != null && !prefersScore(g, a, mine)) {
                        continue;
                    }
                    int j = g.arcMentor(a);
                    List<Integer> held = byMentor.getOrDefault(j, List.of());
                    boolean mentorWouldTake = held.size() < g.capacity(j)
                            || held.stream().anyMatch(h -> prefersScore(g, a, h));
                    assertFalse(mentorWouldTake, "blocking pair " + g.menteeId(i) + " / " + g.mentorId(j));
                }
            }
        });
    }

    @Test
    void givenRankingsGiveNoBlockingPair() {
        SeededInstances.forEachSeed(2000, random -> {
            CandidateGraph g = SeededInstances.graph(random, 10, 5);
            int n = g.menteeCount();
            int m = g.mentorCount();
            int[][] menteeRanking = new int[n][];
            for (int i = 0; i < n; i++) {
                List<Integer> mentors = new ArrayList<>();
                for (int a = g.rowStart(i); a < g.rowEnd(i); a++) {
                    mentors.add(g.arcMentor(a));
                }
                Collections.shuffle(mentors, random);
                menteeRanking[i] = mentors.stream().mapToInt(Integer::intValue).toArray();
            }
            int[][] mentorRank = new int[m][n];
            for (int j = 0; j < m; j++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    order.add(i);
                }
                Collections.shuffle(order, random);
                for (int r = 0; r < n; r++) {
                    mentorRank[j][order.get(r)] = random.nextInt(6) == 0 ? -1 : r;
                }
            }
            Assignment result = StableAssignment.solve(g, menteeRanking, mentorRank);
            OptimalAssignmentPropertiesTest.assertFeasible(g, result, Set.of());
            Map<String, Integer> heldArc = heldArcs(g, result);
            Map<Integer, List<Integer>> byMentor = byMentor(g, heldArc);
            for (int i = 0; i < n; i++) {
                Integer mine = heldArc.get(g.menteeId(i));
                int myPosition = mine == null ? Integer.MAX_VALUE : position(menteeRanking[i], g.arcMentor(mine));
                for (int p = 0; p < Math.min(myPosition, menteeRanking[i].length); p++) {
                    int j = menteeRanking[i][p];
                    if (mentorRank[j][i] < 0) {
                        continue;
                    }
                    int mentee = i;
                    List<Integer> held = byMentor.getOrDefault(j, List.of());
                    boolean mentorWouldTake = held.size() < g.capacity(j) || held.stream()
                            .anyMatch(h -> mentorRank[j][menteeOf(g, h)] > mentorRank[j][mentee]);
                    assertFalse(mentorWouldTake, "blocking pair " + g.menteeId(i) + " / " + g.mentorId(j));
                }
            }
        });
    }

    @Test
    void menteesGetTheirFirstChoiceWhenNobodyCompetes() {
        CandidateGraph g = CandidateGraph.builder().mentor("m1", 1).mentor("m2", 1)
                .arc("a", "m1", 0.9).arc("a", "m2", 0.5).arc("b", "m1", 0.8).arc("b", "m2", 0.7)
                .mentee("c")
                .build();
        Assignment result = StableAssignment.solve(g);
        assertEquals(List.of(new Assignment.Match("a", "m1", 0.9, false), new Assignment.Match("b", "m2", 0.7, false)),
                result.matches());
        assertEquals(List.of(new Assignment.Unmatched("c", Assignment.UnmatchedReason.NO_ELIGIBLE_MENTOR)),
                result.unmatched());
    }

    private static boolean prefersScore(CandidateGraph g, int a, int b) {
        return g.arcScore(a) > g.arcScore(b);
    }

    private static int position(int[] list, int mentor) {
        for (int p = 0; p < list.length; p++) {
            if (list[p] == mentor) {
                return p;
            }
        }
        throw new AssertionError("held mentor not on the mentee's list");
    }

    private static int menteeOf(CandidateGraph g, int arc) {
        for (int i = 0; i < g.menteeCount(); i++) {
            if (arc >= g.rowStart(i) && arc < g.rowEnd(i)) {
                return i;
            }
        }
        throw new AssertionError();
    }

    private static Map<String, Integer> heldArcs(CandidateGraph g, Assignment result) {
        Map<String, Integer> held = new HashMap<>();
        for (Assignment.Match match : result.matches()) {
            int a = g.arc(g.menteeIndex(match.menteeId()), g.mentorIndex(match.mentorId()));
            assertTrue(a >= 0);
            held.put(match.menteeId(), a);
        }
        return held;
    }

    private static Map<Integer, List<Integer>> byMentor(CandidateGraph g, Map<String, Integer> heldArc) {
        Map<Integer, List<Integer>> byMentor = new HashMap<>();
        for (int a : heldArc.values()) {
            byMentor.computeIfAbsent(g.arcMentor(a), k -> new ArrayList<>()).add(a);
        }
        return byMentor;
    }
}
