package org.mentoring.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.google.ortools.Loader;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * OPTIMAL against OR-tools' min-cost flow on the same candidate graph in the same JVM run; see
 * docs/benchmarks.md ("Matching engine") for the command and the figures. Both sides must reach the same
 * objective in integer cost units.
 */
@Tag("benchmark")
class OptimalAssignmentBenchmarkTest {

    private static final int TOP_K = 50;
    private static final int CAPACITY = 5;

    @Test
    void tenThousandMenteesTwoThousandMentors() {
        compare(10_000, 2_000, Integer.getInteger("bench.runs", 5));
    }

    @Test
    void fiftyThousandMenteesTenThousandMentors() {
        compare(50_000, 10_000, Integer.getInteger("bench.runs", 5));
    }

    /**
     * Scores mimic the real mix: a per-mentor quality, a per-mentee spread, and pair noise; each mentee
     * keeps its top-K of random distinct mentors, as candidate generation does.
     */
    static CandidateGraph graph(int mentees, int mentors, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] quality = new double[mentors];
        for (int j = 0; j < mentors; j++) {
            quality[j] = random.nextDouble();
        }
        String[] menteeIds = new String[mentees];
        String[] mentorIds = new String[mentors];
        for (int i = 0; i < mentees; i++) {
            menteeIds[i] = String.format(Locale.ROOT, "e%06d", i);
        }
        int[] capacity = new int[mentors];
        for (int j = 0; j < mentors; j++) {
            mentorIds[j] = String.format(Locale.ROOT, "m%06d", j);
            capacity[j] = CAPACITY;
        }
        int[] rowStart = new int[mentees + 1];
        int[] arcMentor = new int[mentees * TOP_K];
        double[] arcScore = new double[mentees * TOP_K];
        int[] pick = new int[TOP_K];
        for (int i = 0; i < mentees; i++) {
            double spread = 0.5 + random.nextDouble();
            int chosen = 0;
            while (chosen < TOP_K) {
                int j = random.nextInt(mentors);
                boolean dup = false;
                for (int c = 0; c < chosen; c++) {
                    dup |= pick[c] == j;
                }
                if (!dup) {
                    pick[chosen++] = j;
                }
            }
            Arrays.sort(pick);
            for (int c = 0; c < TOP_K; c++) {
                int a = i * TOP_K + c;
                arcMentor[a] = pick[c];
                arcScore[a] = Math.round((quality[pick[c]] + spread * random.nextDouble()) * 1e6) / 1e6;
            }
            rowStart[i + 1] = (i + 1) * TOP_K;
        }
        return CandidateGraph.ofArrays(menteeIds, mentorIds, capacity, rowStart, arcMentor, arcScore);
    }

    private static long integerCost(Assignment assignment) {
        long cost = 0;
        for (Assignment.Match match : assignment.matches()) {
            cost += OptimalAssignment.cost(match.score());
        }
        return cost;
    }

    /** Same model as the engine: supplies on mentees, an unmatched arc per mentee, mentor slots to the sink. */
    private static long orTools(CandidateGraph g, long[] solveNanos) {
        int n = g.menteeCount();
        int m = g.mentorCount();
        int sink = n + m;
        long start = System.nanoTime();
        MinCostFlow flow = new MinCostFlow();
        for (int i = 0; i < n; i++) {
            for (int a = g.rowStart(i); a < g.rowEnd(i); a++) {
                flow.addArcWithCapacityAndUnitCost(i, n + g.arcMentor(a), 1, OptimalAssignment.cost(g.arcScore(a)));
            }
            flow.addArcWithCapacityAndUnitCost(i, sink, 1, 0);
            flow.setNodeSupply(i, 1);
        }
        for (int j = 0; j < m; j++) {
            flow.addArcWithCapacityAndUnitCost(n + j, sink, g.capacity(j), 0);
        }
        flow.setNodeSupply(sink, -n);
        long built = System.nanoTime();
        MinCostFlowBase.Status status = flow.solve();
        long end = System.nanoTime();
        assertEquals(MinCostFlowBase.Status.OPTIMAL, status);
        solveNanos[0] = end - built;
        solveNanos[1] = end - start;
        return flow.getOptimalCost();
    }

    private static void compare(int mentees, int mentors, int runs) {
        Loader.loadNativeLibraries();
        CandidateGraph g = graph(mentees, mentors, 42);
        List<Long> ours = new ArrayList<>();
        List<Long> theirsSolve = new ArrayList<>();
        List<Long> theirsTotal = new ArrayList<>();
        long objective = 0;
        int matched = 0;
        int warmup = Integer.getInteger("bench.warmup", 1);
        for (int r = 0; r < runs + warmup; r++) {
            long start = System.nanoTime();
            Assignment a = OptimalAssignment.solve(g);
            long elapsed = System.nanoTime() - start;
            long[] t = new long[2];
            long reference = orTools(g, t);
            objective = integerCost(a);
            matched = a.matches().size();
            assertEquals(reference, objective, "objectives differ");
            if (r >= warmup) {
                // Warm-up rounds let the JIT compile both sides and are not counted.
                ours.add(elapsed);
                theirsSolve.add(t[0]);
                theirsTotal.add(t[1]);
            }
        }
        double oursMs = median(ours);
        double solveMs = median(theirsSolve);
        double totalMs = median(theirsTotal);
        System.out.printf(Locale.ROOT,
                "BENCH %d x %d, cap %d, top-%d, %d arcs, %d runs: objective %d (%d pairs) identical; "
                        + "engine %.1f ms, OR-tools solve %.1f ms, OR-tools build+solve %.1f ms; "
                        + "ratio engine/OR-tools solve %.2f, engine/OR-tools build+solve %.2f%n",
                mentees, mentors, CAPACITY, TOP_K, g.arcCount(), runs, -objective, matched, oursMs, solveMs, totalMs,
                oursMs / solveMs, oursMs / totalMs);
    }

    private static double median(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int k = sorted.length;
        double mid = k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2.0;
        return mid / 1e6;
    }
}
