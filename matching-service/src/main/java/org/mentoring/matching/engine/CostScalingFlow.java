package org.mentoring.matching.engine;

import java.util.Arrays;

/**
 * Minimum-cost flow on the cohort network by cost scaling with push-relabel (Goldberg and Tarjan, "Finding
 * minimum-cost circulations by successive approximation", Math. Oper. Res. 15, 1990; the implementation
 * choices follow Goldberg, "An efficient implementation of a scaling minimum-cost flow algorithm",
 * J. Algorithms 22, 1997).
 *
 * <p>Network: mentee nodes (supply 1 each), mentor nodes, and one sink whose demand takes every mentee's
 * unit. Arcs: mentee -> mentor (capacity 1, cost = -score in integer units), mentee -> sink (capacity 1,
 * cost 0: the mentee stays unmatched), mentor -> sink (capacity = free slots, cost 0). Every arc is stored
 * with its residual twin in compressed rows, so a node's residual arcs are one contiguous slice.
 *
 * <p>Costs are multiplied by {@code alpha = nodes + 1}. A flow that is epsilon-optimal for epsilon = 1 in
 * these units is (1 / alpha)-optimal in the original integer costs, and since every cycle has fewer than
 * alpha arcs no negative cycle can remain: the flow is exactly optimal. Epsilon starts at the largest
 * scaled cost and shrinks by {@link #EPSILON_DIVISOR} per phase. A phase ("refine") saturates every arc of
 * negative reduced cost, then discharges nodes with excess in FIFO order: push along admissible arcs
 * (residual, negative reduced cost), relabel (lower the price so that the best residual arc gets reduced
 * cost -epsilon) when none is left. Two heuristics from Goldberg (1997) keep the work small in practice:
 * a global price update at the start of every phase and after a batch of relabels (a bucket-based
 * shortest-path computation, in units of epsilon, from the nodes with a deficit over residual arcs, which
 * raises admissible paths towards those nodes at once), and push look-ahead (a node that receives excess
 * but has no admissible arc is relabelled before it is pushed to).
 *
 * <p>Complexity: O(V^2 E log(V C)) in the worst case for V nodes, E arcs and largest absolute cost C
 * (O(log(V C)) phases of O(V^2 E) each with FIFO selection); O(V + E) memory. On top-K candidate graphs a
 * phase touches each arc a small number of times, so the run is close to linear in E per phase.
 */
final class CostScalingFlow {

    /** Epsilon is divided by this factor between phases (Goldberg reports 8 to 16 as good; 5 in OR-tools). */
    static final long EPSILON_DIVISOR = Long.getLong("dev.div", 8);
    static final double UPD = Double.parseDouble(System.getProperty("dev.upd", "1"));
    static final boolean LOOK = !Boolean.getBoolean("dev.nolook");
    static long scanRel, scanUpd, scanDis, relMentor, relSink, pushes, relabels, updates, saturations;

    private final int nodes;
    private final int[] first;
    private final int[] head;
    private final int[] twin;
    private final long[] cost;
    private final int[] residual;
    private final int[] excess;
    private final long[] price;
    private final int[] current;
    /** Nodes from this index on keep their residual arcs in front of their row, {@code live[v]} of them. */
    private final int compactFrom;
    private final int[] live;
    private final int[] queue;
    private final boolean[] queued;
    private int queueHead;
    private int queueSize;
    private long relabelsSinceUpdate;

    // Global price update scratch space.
    private final long[] distance;
    private final int[] bucketNext;
    private final int[] bucketPrev;
    private int[] bucketHead = new int[64];

    /**
     * @param first compressed row starts (length nodes + 1)
     * @param head arc heads
     * @param twin index of each arc's residual twin
     * @param cost arc costs, already scaled; a twin has the negated cost
     * @param capacity residual capacities (twins of original arcs start at 0)
     * @param supply node supplies (positive) and demands (negative); they sum to 0
     */
    CostScalingFlow(int[] first, int[] head, int[] twin, long[] cost, int[] capacity, int[] supply, int compactFrom) {
        this.nodes = first.length - 1;
        this.first = first;
        this.head = head;
        this.twin = twin;
        this.cost = cost;
        this.residual = capacity;
        this.excess = supply;
        this.price = new long[nodes];
        this.current = new int[nodes];
        this.queue = new int[nodes];
        this.queued = new boolean[nodes];
        this.distance = new long[nodes];
        this.bucketNext = new int[nodes];
        this.bucketPrev = new int[nodes];
        this.compactFrom = compactFrom;
        this.live = new int[nodes];
        for (int v = compactFrom; v < nodes; v++) {
            for (int a = first[v]; a < first[v + 1]; a++) {
                if (residual[a] > 0) {
                    swapArcs(a, first[v] + live[v]++);
                }
            }
        }
    }

    /** Residual capacity of an arc after {@link #solve(long)}; an original arc carries capacity - residual. */
    int residual(int arc) {
        return residual[arc];
    }

    /**
     * Runs the phases down to epsilon = 1.
     *
     * @param largestCost the largest absolute scaled cost; the zero flow with zero prices is optimal for it
     */
    void solve(long largestCost) {
        long epsilon = largestCost;
        do {
            epsilon = Math.max(1, epsilon / EPSILON_DIVISOR);
            refine(epsilon);
        } while (epsilon > 1);
    }

    private void refine(long epsilon) {
        for (int v = 0; v < nodes; v++) {
            long pv = price[v];
            if (v >= compactFrom) {
                for (int a = first[v] + live[v] - 1; a >= first[v]; a--) {
                    int r = residual[a];
                    int w = head[a];
                    if (cost[a] + pv - price[w] < 0) {
                        push(v, a, w, r);
                    }
                }
            } else {
                for (int a = first[v], end = first[v + 1]; a < end; a++) {
                    int r = residual[a];
                    if (r > 0) {
                        int w = head[a];
                        if (cost[a] + pv - price[w] < 0) {
                            push(v, a, w, r);
                        }
                    }
                }
            }
        }
        queueHead = 0;
        queueSize = 0;
        for (int v = 0; v < nodes; v++) {
            current[v] = first[v];
            queued[v] = false;
            if (excess[v] > 0) {
                enqueue(v);
            }
        }
        if (queueSize == 0) {
            return;
        }
        if (!Boolean.getBoolean("dev.noupd")) updatePrices(epsilon);
        relabelsSinceUpdate = 0;
        while (queueSize > 0) {
            int v = queue[queueHead];
            queueHead = queueHead + 1 == nodes ? 0 : queueHead + 1;
            queueSize--;
            queued[v] = false;
            if (v >= compactFrom) {
                dischargeCompact(v, epsilon);
            } else {
                discharge(v, epsilon);
            }
            if (relabelsSinceUpdate > UPD * nodes) {
                updatePrices(epsilon);
                relabelsSinceUpdate = 0;
            }
        }
    }

    private void enqueue(int v) {
        queued[v] = true;
        int tail = queueHead + queueSize;
        queue[tail >= nodes ? tail - nodes : tail] = v;
        queueSize++;
    }

    /**
     * Sends delta units along arc a from v to w. In the rows of compact nodes the residual arcs are kept in
     * front ({@code live}), so an arc that gains or loses all residual capacity changes place there.
     */
    private void push(int v, int a, int w, int delta) {
        pushes++;
        int t = twin[a];
        int r = residual[a] - delta;
        int rt = residual[t];
        residual[a] = r;
        residual[t] = rt + delta;
        excess[v] -= delta;
        excess[w] += delta;
        if (excess[w] > 0 && !queued[w]) {
            enqueue(w);
        }
        if (rt == 0 && w >= compactFrom) {
            swapArcs(t, first[w] + live[w]++);
        }
        if (r == 0 && v >= compactFrom) {
            swapArcs(a, first[v] + --live[v]);
        }
    }

    private void swapArcs(int x, int y) {
        if (x == y) {
            return;
        }
        int hx = head[x];
        head[x] = head[y];
        head[y] = hx;
        long cx = cost[x];
        cost[x] = cost[y];
        cost[y] = cx;
        int rx = residual[x];
        residual[x] = residual[y];
        residual[y] = rx;
        int tx = twin[x];
        int ty = twin[y];
        twin[x] = ty;
        twin[y] = tx;
        twin[ty] = x;
        twin[tx] = y;
    }

    /** Discharge of a node with a row scanned from its current arc (mentees: few arcs, most of them residual). */
    private void discharge(int v, long epsilon) {
        while (excess[v] > 0) {
            long pv = price[v];
            int end = first[v + 1];
            int a = current[v];
            for (; a < end; a++) {
                int r = residual[a];
                if (r == 0) {
                    continue;
                }
                int w = head[a];
                if (cost[a] + pv - price[w] >= 0) {
                    continue;
                }
                if (LOOK && excess[w] >= 0 && !hasAdmissibleArc(w)) {
                    relabel(w, epsilon);
                    if (cost[a] + pv - price[w] >= 0) {
                        continue;
                    }
                }
                push(v, a, w, Math.min(excess[v], r));
                if (excess[v] == 0) {
                    break;
                }
            }
            if (excess[v] == 0) {
                current[v] = a;
                return;
            }
            relabel(v, epsilon);
        }
    }

    /** Discharge of a compact node: only its residual arcs, kept in front of its row, are scanned. */
    private void dischargeCompact(int v, long epsilon) {
        while (excess[v] > 0) {
            long pv = price[v];
            int begin = first[v];
            for (int a = begin + live[v] - 1; a >= begin; a--) {
                int w = head[a];
                if (cost[a] + pv - price[w] >= 0) {
                    continue;
                }
                if (LOOK && excess[w] >= 0 && !hasAdmissibleArc(w)) {
                    relabel(w, epsilon);
                    if (cost[a] + pv - price[w] >= 0) {
                        continue;
                    }
                }
                push(v, a, w, Math.min(excess[v], residual[a]));
                if (excess[v] == 0) {
                    return;
                }
            }
            relabel(v, epsilon);
        }
    }

    /** Whether w has an admissible arc; for a row with a current arc, moves it there. */
    private boolean hasAdmissibleArc(int w) {
        long pw = price[w];
        if (w >= compactFrom) {
            for (int a = first[w], end = first[w] + live[w]; a < end; a++) {
                if (cost[a] + pw - price[head[a]] < 0) {
                    return true;
                }
            }
            return false;
        }
        for (int a = current[w], end = first[w + 1]; a < end; a++) {
            if (residual[a] > 0 && cost[a] + pw - price[head[a]] < 0) {
                current[w] = a;
                return true;
            }
        }
        current[w] = first[w + 1];
        return false;
    }

    /** Lowers v's price so that its best residual arc gets reduced cost -epsilon, and rewinds its current arc. */
    private void relabel(int v, long epsilon) {
        long best = Long.MIN_VALUE;
        int bestArc = -1;
        int end = v >= compactFrom ? first[v] + live[v] : first[v + 1];
        scanRel += end - first[v];
        for (int a = first[v]; a < end; a++) {
            if (residual[a] > 0) {
                long candidate = price[head[a]] - cost[a];
                if (candidate > best) {
                    best = candidate;
                    bestArc = a;
                }
            }
        }
        if (bestArc < 0) {
            if (excess[v] > 0) {
                throw new IllegalStateException("node " + v + " has excess but no residual arc");
            }
            return;
        }
        price[v] = best - epsilon;
        relabels++;
        current[v] = first[v];
        relabelsSinceUpdate++;
    }

    /**
     * Global price update: d(v) = the least number of epsilon steps by which v's price must drop so that a
     * path of admissible arcs leads from v to a node with a deficit, computed with buckets (Dial's
     * algorithm) over residual arcs with length floor(reduced cost / epsilon) + 1; then price[v] -= d(v)
     * epsilon. Nodes with no path to a deficit keep their price lowered by the largest distance found.
     * Epsilon-optimality is preserved (Goldberg 1997, section 5).
     */
    private void updatePrices(long epsilon) {
        final long unreached = Long.MAX_VALUE;
        updates++;
        Arrays.fill(distance, unreached);
        Arrays.fill(bucketHead, -1);
        int maxBucket = -1;
        int remainingExcess = 0;
        for (int v = 0; v < nodes; v++) {
            if (excess[v] < 0) {
                distance[v] = 0;
                bucketInsert(v, 0);
                maxBucket = 0;
            } else if (excess[v] > 0) {
                remainingExcess += excess[v];
            }
        }
        long reachedDistance = 0;
        long distanceCap = 4L * nodes + 4;
        for (int b = 0; b <= maxBucket && remainingExcess > 0; b++) {
            while (bucketHead[b] >= 0) {
                int w = bucketHead[b];
                bucketRemove(w, b);
                reachedDistance = b;
                if (excess[w] > 0) {
                    remainingExcess -= excess[w];
                    if (remainingExcess <= 0) {
                        break;
                    }
                }
                // Scan arcs v -> w with residual capacity: they are the twins of w's arcs whose twin is residual.
                long pw = price[w];
                scanUpd += first[w + 1] - first[w];
                for (int t = first[w], end = first[w + 1]; t < end; t++) {
                    int a = twin[t];
                    if (residual[a] == 0) {
                        continue;
                    }
                    int v = head[t];
                    long reduced = cost[a] + price[v] - pw;
                    long length = reduced < 0 ? 0 : reduced / epsilon + 1;
                    long candidate = b + length;
                    if (candidate < distance[v] && candidate <= distanceCap) {
                        if (distance[v] != unreached) {
                            bucketRemove(v, (int) distance[v]);
                        }
                        distance[v] = candidate;
                        int c = (int) candidate;
                        if (c >= bucketHead.length) {
                            int old = bucketHead.length;
                            bucketHead = Arrays.copyOf(bucketHead, Math.max(c + 1, old * 2));
                            Arrays.fill(bucketHead, old, bucketHead.length, -1);
                        }
                        bucketInsert(v, c);
                        maxBucket = Math.max(maxBucket, c);
                    }
                }
            }
        }
        for (int v = 0; v < nodes; v++) {
            long d = distance[v];
            if (d == unreached || d > reachedDistance) {
                d = reachedDistance;
            }
            if (d > 0) {
                price[v] -= d * epsilon;
            }
            current[v] = first[v];
        }
    }

    private void bucketInsert(int v, int b) {
        int h = bucketHead[b];
        bucketNext[v] = h;
        bucketPrev[v] = -1;
        if (h >= 0) {
            bucketPrev[h] = v;
        }
        bucketHead[b] = v;
    }

    private void bucketRemove(int v, int b) {
        int p = bucketPrev[v];
        int x = bucketNext[v];
        if (p >= 0) {
            bucketNext[p] = x;
        } else {
            bucketHead[b] = x;
        }
        if (x >= 0) {
            bucketPrev[x] = p;
        }
    }
}
