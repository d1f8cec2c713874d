package org.mentoring.matching.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cohort assignment that maximises the total score subject to mentor capacities, each mentee getting at
 * most one mentor, exactly.
 *
 * <p>Model: a min-cost flow with source -> mentee (capacity 1), mentee -> mentor (capacity 1, cost = -score),
 * mentor -> sink (capacity = remaining capacity) and one extra mentee -> sink arc of cost 0 that stands for
 * "unmatched". Every mentee sends its unit, so the flow value is fixed and minimising cost maximises total
 * score; a mentee stays unmatched whenever that is better (maximum weight is not maximum cardinality).
 * Costs are integers (scores in micro-units, {@link #SCALE}), so the optimum is exact.
 *
 * <p>Algorithm: cost scaling with push-relabel ({@link CostScalingFlow}; Goldberg and Tarjan 1990, Goldberg
 * 1997), O(V^2 E log(V C)) in the worst case for V = n + m + 1 nodes, E candidate arcs and largest absolute
 * cost C, O(V + E) memory; on top-K candidate graphs it runs in a few passes over the arcs per phase and
 * O(log(V C)) phases. Only pairs of positive score to mentors with a free slot enter the network: any other
 * pair can never raise the total, so such a pair is never proposed.
 *
 * <p>When the scaled costs could overflow a long (scores above about 200 on a graph of 50,000 people;
 * scores are normally below 1), the solver falls back to successive shortest paths, one mentee at a time
 * (the row-by-row scheme of Jonker and Volgenant's assignment algorithm generalised to capacities; Ahuja,
 * Magnanti, Orlin, "Network Flows", ch. 9): Dijkstra on reduced costs with node potentials, each search
 * stopping at the sink, O(n (n + m + E) log(n + m)) in the worst case. Both give the same optimum; among
 * optimal assignments with equal totals the chosen one is deterministic for the same input but may differ
 * between the two.
 */
public final class OptimalAssignment {

    /** Scores are compared as integers in this unit; differences below 1e-6 count as ties. */
    public static final long SCALE = 1_000_000L;

    private OptimalAssignment() {
    }

    public static Assignment solve(CandidateGraph graph) {
        return solve(graph, Set.of(), Set.of());
    }

    /**
     * @param pins pairs an admin forces; they take capacity first and their mentees are not re-assigned
     * @param forbidden pairs that must not be proposed (for example a pair that already ended)
     */
    public static Assignment solve(CandidateGraph graph, Set<PairKey> pins, Set<PairKey> forbidden) {
        return new Solver(graph, pins, forbidden).run(true);
    }

    /** The same problem solved by successive shortest paths only; the reference the tests compare against. */
    static Assignment solveByShortestPaths(CandidateGraph graph, Set<PairKey> pins, Set<PairKey> forbidden) {
        return new Solver(graph, pins, forbidden).run(false);
    }

    /** Converts a score to the integer cost the flow minimises. */
    public static long cost(double score) {
        return -Math.round(score * SCALE);
    }

    private static final class Solver {
        private final CandidateGraph g;
        private final int n;
        private final int m;
        private final int sink;
        private final long[] cost;
        private final boolean[] usable;
        private final int[] arcMentee;
        private final int[] residualCapacity;
        /** Arc carrying the mentee's unit: -1 not yet added or pinned, DUMMY when unmatched. */
        private final int[] matchedArc;
        /** Per mentor, the arcs currently carrying flow into it, with each arc's position for O(1) removal. */
        private int[][] assigned;
        private int[] assignedCount;
        private int[] positionInMentor;
        private long[] potential;
        private long[] dist;
        private int[] seen;
        private int[] parent;
        private boolean[] settled;
        private int[] settledNodes;
        private final boolean[] pinnedMentee;
        private final List<Assignment.Match> pinnedMatches = new ArrayList<>();
        private final boolean[] ineligible;
        private int stamp;
        private long[] heapKey = new long[64];
        private int[] heapNode = new int[64];
        private int heapSize;

        private static final int DUMMY = -2;

        Solver(CandidateGraph graph, Set<PairKey> pins, Set<PairKey> forbidden) {
            this.g = graph;
            this.n = graph.menteeCount();
            this.m = graph.mentorCount();
            this.sink = n + m;
            int e = graph.arcCount();
            cost = new long[e];
            usable = new boolean[e];
            arcMentee = new int[e];
            residualCapacity = new int[m];
            for (int j = 0; j < m; j++) {
                residualCapacity[j] = graph.capacity(j);
            }
            pinnedMentee = new boolean[n];
            ineligible = new boolean[n];
            applyPins(pins);
            Set<Long> forbiddenArcs = new HashSet<>();
            for (PairKey f : forbidden) {
                int i = graph.menteeIndex(f.menteeId());
                int j = graph.mentorIndex(f.mentorId());
                if (i >= 0 && j >= 0) {
                    forbiddenArcs.add(((long) i << 32) | j);
                }
            }
            for (int i = 0; i < n; i++) {
                for (int a = graph.rowStart(i); a < graph.rowEnd(i); a++) {
                    arcMentee[a] = i;
                    cost[a] = cost(graph.arcScore(a));
                    usable[a] = !pinnedMentee[i] && graph.capacity(graph.arcMentor(a)) > 0
                            && (forbiddenArcs.isEmpty() || !forbiddenArcs.contains(((long) i << 32) | graph.arcMentor(a)));
                }
            }
            matchedArc = new int[n];
            Arrays.fill(matchedArc, -1);
        }

        /** State of the successive-shortest-path search, allocated only when that algorithm runs. */
        private void prepareShortestPaths() {
            int e = g.arcCount();
            assigned = new int[m][];
            assignedCount = new int[m];
            positionInMentor = new int[e];
            for (int j = 0; j < m; j++) {
                assigned[j] = new int[Math.min(Math.max(residualCapacity[j], 0), 16)];
            }
            potential = new long[n + m + 1];
            dist = new long[n + m + 1];
            seen = new int[n + m + 1];
            parent = new int[n + m + 1];
            settled = new boolean[n + m + 1];
            settledNodes = new int[n + m + 1];
            initialPotentials();
        }

        private void applyPins(Set<PairKey> pins) {
            List<PairKey> ordered = new ArrayList<>(pins);
            ordered.sort((x, y) -> x.menteeId().equals(y.menteeId())
                    ? x.mentorId().compareTo(y.mentorId()) : x.menteeId().compareTo(y.menteeId()));
            for (PairKey pin : ordered) {
                int i = g.menteeIndex(pin.menteeId());
                int j = g.mentorIndex(pin.mentorId());
                if (i < 0 || j < 0) {
                    throw new IllegalArgumentException("pin names an unknown person: " + pin);
                }
                if (pinnedMentee[i]) {
                    throw new IllegalArgumentException("mentee pinned twice: " + pin.menteeId());
                }
                if (residualCapacity[j] <= 0) {
                    throw new IllegalArgumentException("pins exceed the capacity of mentor " + pin.mentorId());
                }
                residualCapacity[j]--;
                pinnedMentee[i] = true;
                int a = g.arc(i, j);
                pinnedMatches.add(new Assignment.Match(pin.menteeId(), pin.mentorId(), a >= 0 ? g.arcScore(a) : 0.0, true));
            }
        }

        /** Potentials that make every initial reduced cost non-negative although arc costs are negative. */
        private void initialPotentials() {
            // Mentees start at 0; a mentor at or below its cheapest incoming arc; the sink below everyone.
            for (int a = 0; a < cost.length; a++) {
                int v = n + g.arcMentor(a);
                potential[v] = Math.min(potential[v], cost[a]);
            }
            long sinkPotential = 0;
            for (int j = 0; j < m; j++) {
                sinkPotential = Math.min(sinkPotential, potential[n + j]);
            }
            potential[sink] = sinkPotential;
        }

        Assignment run(boolean costScaling) {
            for (int k = 0; k < n; k++) {
                if (!pinnedMentee[k] && !hasUsableArc(k)) {
                    matchedArc[k] = DUMMY;
                    ineligible[k] = true;
                }
            }
            if (!costScaling || !solveByCostScaling()) {
                solveByShortestPaths();
            }
            return result();
        }

        /**
         * Builds the residual network of the mentees that can gain from a mentor (usable arcs of positive score
         * to mentors with a free slot) and solves it with {@link CostScalingFlow}. Arcs of score zero or less
         * never raise the total, so leaving them out keeps the optimum and never proposes such a pair.
         *
         * @return false when the scaled costs could overflow; the caller then uses shortest paths
         */
        private boolean solveByCostScaling() {
            int nodes = n + m + 1;
            long alpha = nodes + 1L;
            int[] degree = new int[nodes];
            long largest = 0;
            int active = 0;
            for (int i = 0; i < n; i++) {
                if (pinnedMentee[i] || matchedArc[i] != -1) {
                    continue;
                }
                int k = 0;
                for (int a = g.rowStart(i); a < g.rowEnd(i); a++) {
                    if (beneficial(a)) {
                        k++;
                        degree[n + g.arcMentor(a)]++;
                        largest = Math.max(largest, -cost[a]);
                    }
                }
                if (k == 0) {
                    matchedArc[i] = DUMMY;
                    continue;
                }
                degree[i] = k + 1;
                active++;
            }
            // A node's price falls by at most about 3 V epsilon per phase (Goldberg and Tarjan), so prices stay
            // within a few V C alpha over all phases; 16 V C alpha below the long range leaves room to spare.
            if ((double) largest * alpha * nodes * 16.0 >= 9.0e18) {
                for (int i = 0; i < n; i++) {
                    if (matchedArc[i] == DUMMY && !ineligible[i]) {
                        matchedArc[i] = -1;
                    }
                }
                return false;
            }
            if (active == 0) {
                return true;
            }
            for (int j = 0; j < m; j++) {
                if (degree[n + j] > 0) {
                    degree[n + j]++;
                    degree[sink]++;
                }
            }
            degree[sink] += active;
            int[] first = new int[nodes + 1];
            for (int v = 0; v < nodes; v++) {
                first[v + 1] = first[v] + degree[v];
            }
            int arcs = first[nodes];
            int[] head = new int[arcs];
            int[] twin = new int[arcs];
            long[] scaled = new long[arcs];
            int[] capacity = new int[arcs];
            int[] origin = new int[first[n]];
            int[] fill = Arrays.copyOf(first, nodes);
            int[] supply = new int[nodes];
            for (int i = 0; i < n; i++) {
                if (degree[i] == 0) {
                    continue;
                }
                for (int a = g.rowStart(i); a < g.rowEnd(i); a++) {
                    if (beneficial(a)) {
                        int w = n + g.arcMentor(a);
                        int s = fill[i]++;
                        origin[s] = a;
                        link(head, twin, scaled, capacity, s, i, fill[w]++, w, cost[a] * alpha, 1);
                    }
                }
                int s = fill[i]++;
                origin[s] = -1;
                link(head, twin, scaled, capacity, s, i, fill[sink]++, sink, 0, 1);
                supply[i] = 1;
            }
            for (int j = 0; j < m; j++) {
                int v = n + j;
                if (degree[v] > 0) {
                    link(head, twin, scaled, capacity, fill[v]++, v, fill[sink]++, sink, 0, residualCapacity[j]);
                }
            }
            supply[sink] = -active;
            CostScalingFlow flow = new CostScalingFlow(first, head, twin, scaled, capacity, supply, n);
            flow.solve(largest * alpha);
            for (int i = 0; i < n; i++) {
                if (degree[i] == 0) {
                    continue;
                }
                for (int s = first[i]; s < first[i + 1]; s++) {
                    if (flow.residual(s) == 0) {
                        matchedArc[i] = origin[s] >= 0 ? origin[s] : DUMMY;
                    }
                }
            }
            return true;
        }

        private boolean beneficial(int a) {
            return usable[a] && cost[a] < 0 && residualCapacity[g.arcMentor(a)] > 0;
        }

        private static void link(int[] head, int[] twin, long[] scaled, int[] capacity, int s, int from, int t, int to,
                long arcCost, int arcCapacity) {
            head[s] = to;
            head[t] = from;
            twin[s] = t;
            twin[t] = s;
            scaled[s] = arcCost;
            scaled[t] = -arcCost;
            capacity[s] = arcCapacity;
            capacity[t] = 0;
        }

        private void solveByShortestPaths() {
            prepareShortestPaths();
            for (int k = 0; k < n; k++) {
                if (pinnedMentee[k]) {
                    continue;
                }
                if (!hasUsableArc(k)) {
                    matchedArc[k] = DUMMY;
                    ineligible[k] = true;
                    continue;
                }
                augmentFrom(k);
            }
        }

        private boolean hasUsableArc(int k) {
            for (int a = g.rowStart(k); a < g.rowEnd(k); a++) {
                if (usable[a]) {
                    return true;
                }
            }
            return false;
        }

        /** Dijkstra from mentee k to the sink on reduced costs, then augments one unit along the path. */
        private void augmentFrom(int k) {
            stamp++;
            heapSize = 0;
            int settledCount = 0;
            relax(k, 0, -1);
            long sinkDist = Long.MAX_VALUE;
            while (heapSize > 0) {
                long d = heapKey[0];
                int v = heapNode[0];
                pop();
                if (settled[v] && seen[v] == stamp || d > dist[v]) {
                    continue;
                }
                settled[v] = true;
                settledNodes[settledCount++] = v;
                if (v == sink) {
                    sinkDist = d;
                    break;
                }
                if (v < n) {
                    // Mentee: forward arcs to candidate mentors it does not use, and its own "unmatched" arc.
                    for (int a = g.rowStart(v); a < g.rowEnd(v); a++) {
                        if (usable[a] && a != matchedArc[v]) {
                            int w = n + g.arcMentor(a);
                            relax(w, d + cost[a] + potential[v] - potential[w], a);
                        }
                    }
                    relax(sink, d + potential[v] - potential[sink], -(v + 1));
                } else {
                    int j = v - n;
                    if (residualCapacity[j] > assignedCount[j]) {
                        relax(sink, d + potential[v] - potential[sink], v);
                    }
                    int[] list = assigned[j];
                    for (int p = 0; p < assignedCount[j]; p++) {
                        int a = list[p];
                        int w = arcMentee[a];
                        relax(w, d - cost[a] + potential[v] - potential[w], v);
                    }
                }
            }
            for (int s = 0; s < settledCount; s++) {
                int v = settledNodes[s];
                potential[v] += dist[v] - sinkDist;
                settled[v] = false;
            }
            augment(k);
        }

        private void relax(int w, long d, int via) {
            if (seen[w] != stamp) {
                seen[w] = stamp;
                settled[w] = false;
            } else if (settled[w] || d >= dist[w]) {
                return;
            }
            dist[w] = d;
            parent[w] = via;
            push(d, w);
        }

        /**
         * Walks the path back from the sink. parent[sink] is a mentor with a free slot (>= n) or -(i+1) for
         * mentee i leaving through its unmatched arc; parent[mentor] is the forward arc that reached it;
         * parent[mentee] is the mentor whose assignment it gives up.
         */
        private void augment(int k) {
            int tail = parent[sink];
            int mentorNode;
            if (tail < 0) {
                int i = -tail - 1;
                if (i == k) {
                    matchedArc[k] = DUMMY;
                    return;
                }
                mentorNode = n + g.arcMentor(matchedArc[i]);
                detach(matchedArc[i]);
                matchedArc[i] = DUMMY;
            } else {
                mentorNode = tail;
            }
            while (true) {
                int a = parent[mentorNode];
                int i = arcMentee[a];
                int old = matchedArc[i];
                attach(a);
                matchedArc[i] = a;
                if (i == k) {
                    return;
                }
                mentorNode = n + g.arcMentor(old);
                detach(old);
            }
        }

        private void attach(int a) {
            int j = g.arcMentor(a);
            if (assignedCount[j] == assigned[j].length) {
                assigned[j] = Arrays.copyOf(assigned[j], Math.max(4, assigned[j].length * 2));
            }
            positionInMentor[a] = assignedCount[j];
            assigned[j][assignedCount[j]++] = a;
        }

        private void detach(int a) {
            int j = g.arcMentor(a);
            int p = positionInMentor[a];
            int last = assigned[j][--assignedCount[j]];
            assigned[j][p] = last;
            positionInMentor[last] = p;
        }

        private Assignment result() {
            List<Assignment.Match> matches = new ArrayList<>(pinnedMatches);
            List<Assignment.Unmatched> unmatched = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (pinnedMentee[i]) {
                    continue;
                }
                int a = matchedArc[i];
                if (a >= 0) {
                    matches.add(new Assignment.Match(g.menteeId(i), g.mentorId(g.arcMentor(a)), g.arcScore(a), false));
                } else {
                    unmatched.add(new Assignment.Unmatched(g.menteeId(i), reason(i)));
                }
            }
            matches.sort((x, y) -> x.menteeId().compareTo(y.menteeId()));
            double objective = 0;
            for (Assignment.Match match : matches) {
                objective += match.score();
            }
            return new Assignment(matches, unmatched, objective);
        }

        private Assignment.UnmatchedReason reason(int i) {
            if (ineligible[i]) {
                return Assignment.UnmatchedReason.NO_ELIGIBLE_MENTOR;
            }
            for (int a = g.rowStart(i); a < g.rowEnd(i); a++) {
                if (usable[a] && cost[a] < 0) {
                    return Assignment.UnmatchedReason.ELIGIBLE_MENTORS_AT_CAPACITY;
                }
            }
            return Assignment.UnmatchedReason.NO_BENEFICIAL_MENTOR;
        }

        private void push(long key, int node) {
            if (heapSize == heapKey.length) {
                heapKey = Arrays.copyOf(heapKey, heapSize * 2);
                heapNode = Arrays.copyOf(heapNode, heapSize * 2);
            }
            int c = heapSize++;
            while (c > 0) {
                int p = (c - 1) >>> 1;
                if (heapKey[p] < key || heapKey[p] == key && heapNode[p] <= node) {
                    break;
                }
                heapKey[c] = heapKey[p];
                heapNode[c] = heapNode[p];
                c = p;
            }
            heapKey[c] = key;
            heapNode[c] = node;
        }

        private void pop() {
            long key = heapKey[--heapSize];
            int node = heapNode[heapSize];
            int c = 0;
            while (true) {
                int l = 2 * c + 1;
                if (l >= heapSize) {
                    break;
                }
                int r = l + 1;
                int b = r < heapSize && (heapKey[r] < heapKey[l] || heapKey[r] == heapKey[l] && heapNode[r] < heapNode[l]) ? r : l;
                if (key < heapKey[b] || key == heapKey[b] && node <= heapNode[b]) {
                    break;
                }
                heapKey[c] = heapKey[b];
                heapNode[c] = heapNode[b];
                c = b;
            }
            heapKey[c] = key;
            heapNode[c] = node;
        }
    }
}
