package org.mentoring.matching.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Cohort assignment where both sides rank: mentee-proposing deferred acceptance with capacities (Gale and
 * Shapley, 1962; the hospitals/residents form of Roth's college admissions model).
 *
 * <p>Idea: each free mentee proposes to the next mentor on its list; a mentor holds its best {@code capacity}
 * proposals so far and releases the worst when a better one arrives. The result has no blocking pair (no
 * mentee and mentor who both prefer each other to what they got) and is the best stable outcome for every
 * mentee. Only pairs of the candidate graph are acceptable.
 *
 * <p>Complexity: every mentee proposes to each mentor on its list at most once, and each proposal costs
 * O(log c) in the mentor's heap: O(E log c) for E candidate arcs and capacity c, after an O(E log K) sort of
 * the preference lists.
 */
public final class StableAssignment {

    private StableAssignment() {
    }

    /** Preferences derived from the scores: both sides rank by pair score, ties by the other side's id. */
    public static Assignment solve(CandidateGraph graph) {
        int n = graph.menteeCount();
        int[][] menteeLists = new int[n][];
        for (int i = 0; i < n; i++) {
            Integer[] arcs = new Integer[graph.rowEnd(i) - graph.rowStart(i)];
            for (int a = graph.rowStart(i); a < graph.rowEnd(i); a++) {
                arcs[a - graph.rowStart(i)] = a;
            }
            // Row arcs are in mentor-id order, so a stable sort breaks score ties by mentor id.
            Arrays.sort(arcs, (x, y) -> Double.compare(graph.arcScore(y), graph.arcScore(x)));
            menteeLists[i] = Arrays.stream(arcs).mapToInt(Integer::intValue).toArray();
        }
        // Mentor's rank of a proposal: higher score first, then lower mentee index (= id order).
        return run(graph, menteeLists, (mentor, arcA, arcB) -> {
            int c = Double.compare(graph.arcScore(arcB), graph.arcScore(arcA));
            return c != 0 ? c : Integer.compare(menteeOf(graph, arcA), menteeOf(graph, arcB));
        });
    }

    /**
     * Preferences given by the participants.
     *
     * @param menteeRanking for each mentee index, its acceptable mentors best first (mentor indices)
     * @param mentorRank for each mentor index and mentee index, the mentee's rank (lower is better); a
     *     mentor accepts only mentees it ranks (rank >= 0) and that rank it in return
     */
    public static Assignment solve(CandidateGraph graph, int[][] menteeRanking, int[][] mentorRank) {
        int n = graph.menteeCount();
        int[][] lists = new int[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> arcs = new ArrayList<>();
            for (int j : menteeRanking[i]) {
                int a = graph.arc(i, j);
                if (a >= 0 && mentorRank[j][i] >= 0) {
                    arcs.add(a);
                }
            }
            lists[i] = arcs.stream().mapToInt(Integer::intValue).toArray();
        }
        return run(graph, lists, (mentor, arcA, arcB) ->
                Integer.compare(mentorRank[mentor][menteeOf(graph, arcA)], mentorRank[mentor][menteeOf(graph, arcB)]));
    }

    /** Orders two proposals to a mentor: negative when arcA is preferred. */
    @FunctionalInterface
    interface MentorPreference {
        int compare(int mentor, int arcA, int arcB);
    }

    private static int menteeOf(CandidateGraph graph, int arc) {
        int lo = 0;
        int hi = graph.menteeCount() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (graph.rowStart(mid) <= arc) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        while (graph.rowEnd(lo) <= arc) {
            lo++;
        }
        return lo;
    }

    private static Assignment run(CandidateGraph graph, int[][] lists, MentorPreference preference) {
        int n = graph.menteeCount();
        int m = graph.mentorCount();
        int[] next = new int[n];
        int[] held = new int[n];
        Arrays.fill(held, -1);
        List<PriorityQueue<Integer>> holding = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            int mentor = j;
            // Worst held proposal on top, so it is the one released.
            holding.add(new PriorityQueue<>((a, b) -> preference.compare(mentor, b, a)));
        }
        ArrayDeque<Integer> free = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            free.add(i);
        }
        while (!free.isEmpty()) {
            int i = free.poll();
            if (next[i] == lists[i].length) {
                continue;
            }
            int a = lists[i][next[i]++];
            int j = graph.arcMentor(a);
            PriorityQueue<Integer> q = holding.get(j);
            if (graph.capacity(j) == 0) {
                free.addFirst(i);
                continue;
            }
            if (q.size() < graph.capacity(j)) {
                q.add(a);
                held[i] = a;
            } else if (preference.compare(j, a, q.peek()) < 0) {
                int released = q.poll();
                int r = menteeOf(graph, released);
                held[r] = -1;
                free.addFirst(r);
                q.add(a);
                held[i] = a;
            } else {
                free.addFirst(i);
            }
        }
        List<Assignment.Match> matches = new ArrayList<>();
        List<Assignment.Unmatched> unmatched = new ArrayList<>();
        double objective = 0;
        for (int i = 0; i < n; i++) {
            if (held[i] >= 0) {
                double score = graph.arcScore(held[i]);
                matches.add(new Assignment.Match(graph.menteeId(i), graph.mentorId(graph.arcMentor(held[i])), score, false));
                objective += score;
            } else {
                unmatched.add(new Assignment.Unmatched(graph.menteeId(i), lists[i].length == 0
                        ? Assignment.UnmatchedReason.NO_ELIGIBLE_MENTOR
                        : Assignment.UnmatchedReason.ELIGIBLE_MENTORS_AT_CAPACITY));
            }
        }
        return new Assignment(matches, unmatched, objective);
    }
}
