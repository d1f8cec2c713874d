package org.mentoring.matching.engine;

/**
 * Minimum-cost flow on the cohort network by cost scaling with push-relabel (Goldberg and Tarjan, "Finding
 * minimum-cost circulations by successive approximation", Math. Oper. Res. 15, 1990; implementation choices
 * after Goldberg, "An efficient implementation of a scaling minimum-cost flow algorithm", J. Algorithms 22,
 * 1997, the method of OR-tools' min-cost flow as well).
 *
 * <p>Network: mentee nodes (supply 1 each), mentor nodes, and one sink whose demand takes every mentee's
 * unit. Arcs: mentee -> mentor (capacity 1, cost = -score in integer units), mentee -> sink (capacity 1,
 * cost 0: the mentee stays unmatched), mentor -> sink (capacity = free slots, cost 0). Every arc is stored
 * with its residual twin in compressed rows. Mentor and sink rows are mostly twins without residual
 * capacity (a mentor has a few hundred candidate mentees but at most a few of them assigned), so those rows
 * keep their residual arcs in front and scans touch only them.
 *
 * <p>Exactness: costs are integers multiplied by {@code alpha = nodes + 1}. A flow that is epsilon-optimal
 * for epsilon = 1 in these units is (1 / alpha)-optimal in the original costs; a cycle has fewer than alpha
 * arcs, so no cycle of negative (integer) cost is left and the flow is optimal. All arithmetic is on longs.
 *
 * <p>Phases: epsilon starts at the largest scaled cost and is divided by {@link #EPSILON_DIVISOR} per phase.
 * A phase ("refine") saturates the arcs of reduced cost below -epsilon, then discharges the nodes with
 * excess in FIFO order: push along admissible arcs (residual, negative reduced cost), relabel (lower the
 * price so that the best residual arc gets reduced cost -epsilon) when none is left. Heuristics that pay
 * off on top-K candidate graphs (measured in docs/benchmarks.md): prices start at each mentee's best arc, so
 * the first phase bids instead of flooding; a phase keeps the arcs that are still epsilon-optimal instead of
 * re-saturating every arc of negative reduced cost; push look-ahead relabels a node that would receive
 * excess without an admissible arc to pass it on (Goldberg 1997), which cuts back-and-forth pushes tenfold;
 * after a relabel the current arc starts at the first admissible arc. A global price update was tried and
 * cost more than it saved on these graphs.
 *
 * <p>Complexity: O(V^2 E log(V C)) in the worst case for V nodes, E arcs and largest absolute cost C
 * (O(log(V C)) phases, each O(V^2 E) with FIFO selection; Goldberg and Tarjan 1990); O(V + E) memory. On
 * top-K candidate graphs a phase touches each arc a few times.
 */
final class CostScalingFlow {

    /** Epsilon is divided by this factor between phases (Goldberg reports 8 to 16 as good; 5 in OR-tools). */
    static final long EPSILON_DIVISOR = 8;

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

    /**
     * @param first compressed row starts (length nodes + 1)
     * @param head arc heads
     * @param twin index of each arc's residual twin
     * @param cost arc costs, already scaled; a twin has the negated cost
     * @param capacity residual capacities (twins of original arcs start at 0)
     * @param supply node supplies (positive) and demands (negative); they sum to 0
     * @param compactFrom nodes from this index on have rows that are mostly idle twins (mentors, the sink);
     *     their residual arcs are kept in front of the row so that scans skip the rest
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
     * @param largestCost the largest absolute scaled cost: the zero flow is epsilon-optimal for that epsilon
     */
    void solve(long largestCost) {
        // Each node starts at the price of its best arc, so the zero flow is 0-optimal and the first phase
        // assigns mentees by bidding rather than by saturating every arc cheaper than epsilon.
        for (int v = 0; v < nodes; v++) {
            long p = price[v];
            for (int a = first[v]; a < first[v + 1]; a++) {
                if (residual[a] > 0) {
                    p = Math.max(p, price[head[a]] - cost[a]);
                }
            }
            price[v] = p;
        }
        long epsilon = largestCost;
        do {
            epsilon = Math.max(1, epsilon / EPSILON_DIVISOR);
            refine(epsilon);
        } while (epsilon > 1);
    }

    /**
     * One phase: saturating the arcs of reduced cost below -epsilon makes the flow epsilon-optimal (a
     * pseudoflow with excesses), then FIFO discharges remove every excess while keeping epsilon-optimality.
     */
    private void refine(long epsilon) {
        for (int v = 0; v < nodes; v++) {
            long pv = price[v];
            if (v >= compactFrom) {
                for (int a = first[v] + live[v] - 1; a >= first[v]; a--) {
                    int r = residual[a];
                    int w = head[a];
                    if (cost[a] + pv - price[w] < -epsilon) {
                        push(v, a, w, r);
                    }
                }
            } else {
                for (int a = first[v], end = first[v + 1]; a < end; a++) {
                    int r = residual[a];
                    if (r > 0) {
                        int w = head[a];
                        if (cost[a] + pv - price[w] < -epsilon) {
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
                if (excess[w] >= 0 && !hasAdmissibleArc(w)) {
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
                if (excess[w] >= 0 && !hasAdmissibleArc(w)) {
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
        if (v < compactFrom) {
            // The first arc within epsilon of the best is the first admissible one: start there.
            long threshold = best - epsilon;
            int a = first[v];
            while (residual[a] == 0 || price[head[a]] - cost[a] <= threshold) {
                a++;
            }
            current[v] = a;
        }
    }
}
