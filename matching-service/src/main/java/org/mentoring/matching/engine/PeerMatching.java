package org.mentoring.matching.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Peer pairing within one group: a maximum-weight matching in a general (not bipartite) graph, where an
 * edge's weight is the pair's mutual benefit. Pairs with zero or negative benefit are never formed.
 *
 * <p>Algorithm: Edmonds' primal-dual blossom method for weighted matching (Edmonds 1965; Galil, "Efficient
 * algorithms for finding maximum matching in graphs", ACM Computing Surveys 1986). Alternating trees grow
 * from unmatched people over tight edges (zero slack in the dual); an odd cycle of S-vertices is shrunk into
 * a blossom, an augmenting path flips the matching, and when no tight edge helps the duals move by the
 * largest step that keeps them feasible. O(n) stages of O(n^2) each: O(n^3) time, O(n + m) memory, fine for
 * peer circles of a few hundred people. Weights are integers (scores in micro-units, doubled so that every
 * dual step stays integral), so the optimum is exact.
 */
public final class PeerMatching {

    private PeerMatching() {
    }

    /** A benefit between two members of the group (order of the two does not matter). */
    public record Edge(String a, String b, double score) {
    }

    public record Pair(String a, String b, double score) {
    }

    /** The pairs (each with a < b by id, sorted), everyone left without a peer, and the total benefit. */
    public record Result(List<Pair> pairs, List<String> unpaired, double objective) {
        public Result {
            pairs = List.copyOf(pairs);
            unpaired = List.copyOf(unpaired);
        }
    }

    public static Result solve(Collection<String> members, Collection<Edge> edges) {
        String[] ids = members.stream().distinct().sorted().toArray(String[]::new);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        Map<Long, Double> best = new HashMap<>();
        for (Edge e : edges) {
            Integer i = index.get(e.a());
            Integer j = index.get(e.b());
            if (i == null || j == null) {
                throw new IllegalArgumentException("edge names someone outside the group: " + e);
            }
            if (i.equals(j) || !(OptimalAssignment.cost(e.score()) < 0)) {
                continue;
            }
            long key = (long) Math.min(i, j) << 32 | Math.max(i, j);
            best.merge(key, e.score(), Math::max);
        }
        // Sorted edge order keeps the run deterministic whatever the input order.
        long[] keys = best.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int[] u = new int[keys.length];
        int[] v = new int[keys.length];
        long[] w = new long[keys.length];
        for (int k = 0; k < keys.length; k++) {
            u[k] = (int) (keys[k] >>> 32);
            v[k] = (int) keys[k];
            w[k] = -2 * OptimalAssignment.cost(best.get(keys[k]));
        }
        int[] mate = new Blossom(ids.length, u, v, w).run();
        List<Pair> pairs = new ArrayList<>();
        List<String> unpaired = new ArrayList<>();
        double objective = 0;
        for (int i = 0; i < ids.length; i++) {
            if (mate[i] < 0) {
                unpaired.add(ids[i]);
            } else if (i < mate[i]) {
                double score = best.get((long) i << 32 | mate[i]);
                pairs.add(new Pair(ids[i], ids[mate[i]], score));
                objective += score;
            }
        }
        return new Result(pairs, unpaired, objective);
    }

    /**
     * The blossom algorithm on vertices 0..n-1. Edge k has endpoints 2k (at u[k]) and 2k+1 (at v[k]);
     * endpoint p's vertex is {@code endpoint[p]} and {@code p ^ 1} is the other end. Blossoms are numbered
     * n..2n-1; labels: 0 free, 1 S (outer), 2 T (inner).
     */
    static final class Blossom {
        private final int n;
        private final int m;
        private final int[] endpoint;
        private final long[] weight;
        private final int[][] neighbourEnds;
        private final int[] mate;
        private final int[] label;
        private final int[] labelEnd;
        private final int[] inBlossom;
        private final int[] blossomParent;
        private final int[][] blossomChildren;
        private final int[] blossomBase;
        private final int[][] blossomEnds;
        private final int[] bestEdge;
        private final int[][] blossomBestEdges;
        private final int[] unused;
        private int unusedCount;
        private final long[] dual;
        private final boolean[] allowed;
        private int[] queue;
        private int queueSize;

        Blossom(int n, int[] u, int[] v, long[] w) {
            this.n = n;
            this.m = w.length;
            endpoint = new int[2 * m];
            weight = w;
            long maxWeight = 0;
            int[] degree = new int[n];
            for (int k = 0; k < m; k++) {
                endpoint[2 * k] = u[k];
                endpoint[2 * k + 1] = v[k];
                maxWeight = Math.max(maxWeight, w[k]);
                degree[u[k]]++;
                degree[v[k]]++;
            }
            neighbourEnds = new int[n][];
            for (int i = 0; i < n; i++) {
                neighbourEnds[i] = new int[degree[i]];
                degree[i] = 0;
            }
            for (int k = 0; k < m; k++) {
                neighbourEnds[u[k]][degree[u[k]]++] = 2 * k + 1;
                neighbourEnds[v[k]][degree[v[k]]++] = 2 * k;
            }
            mate = new int[n];
            Arrays.fill(mate, -1);
            label = new int[2 * n];
            labelEnd = new int[2 * n];
            Arrays.fill(labelEnd, -1);
            inBlossom = new int[n];
            blossomBase = new int[2 * n];
            for (int i = 0; i < n; i++) {
                inBlossom[i] = i;
                blossomBase[i] = i;
            }
            Arrays.fill(blossomBase, n, 2 * n, -1);
            blossomParent = new int[2 * n];
            Arrays.fill(blossomParent, -1);
            blossomChildren = new int[2 * n][];
            blossomEnds = new int[2 * n][];
            bestEdge = new int[2 * n];
            Arrays.fill(bestEdge, -1);
            blossomBestEdges = new int[2 * n][];
            unused = new int[n];
            for (int b = n; b < 2 * n; b++) {
                unused[unusedCount++] = b;
            }
            dual = new long[2 * n];
            Arrays.fill(dual, 0, n, maxWeight);
            allowed = new boolean[m];
            queue = new int[Math.max(4, n)];
        }

        private long slack(int k) {
            return dual[endpoint[2 * k]] + dual[endpoint[2 * k + 1]] - 2 * weight[k];
        }

        private void leaves(int b, List<Integer> out) {
            if (b < n) {
                out.add(b);
            } else {
                for (int t : blossomChildren[b]) {
                    leaves(t, out);
                }
            }
        }

        private List<Integer> leaves(int b) {
            List<Integer> out = new ArrayList<>();
            leaves(b, out);
            return out;
        }

        private void enqueue(int x) {
            if (queueSize == queue.length) {
                queue = Arrays.copyOf(queue, queueSize * 2);
            }
            queue[queueSize++] = x;
        }

        private void assignLabel(int w, int t, int p) {
            int b = inBlossom[w];
            label[w] = label[b] = t;
            labelEnd[w] = labelEnd[b] = p;
            bestEdge[w] = bestEdge[b] = -1;
            if (t == 1) {
                for (int x : leaves(b)) {
                    enqueue(x);
                }
            } else {
                int base = blossomBase[b];
                assignLabel(endpoint[mate[base]], 1, mate[base] ^ 1);
            }
        }

        /** Traces back from v and w; returns the base of a new blossom, or -1 when an augmenting path was found. */
        private int scanBlossom(int v, int w) {
            List<Integer> path = new ArrayList<>();
            int base = -1;
            while (v != -1 || w != -1) {
                int b = inBlossom[v];
                if ((label[b] & 4) != 0) {
                    base = blossomBase[b];
                    break;
                }
                path.add(b);
                label[b] = 5;
                if (labelEnd[b] == -1) {
                    v = -1;
                } else {
                    v = endpoint[labelEnd[b]];
                    b = inBlossom[v];
                    v = endpoint[labelEnd[b]];
                }
                if (w != -1) {
                    int t = v;
                    v = w;
                    w = t;
                }
            }
            for (int b : path) {
                label[b] = 1;
            }
            return base;
        }

        private void addBlossom(int base, int k) {
            int v = endpoint[2 * k];
            int w = endpoint[2 * k + 1];
            int bb = inBlossom[base];
            int bv = inBlossom[v];
            int bw = inBlossom[w];
            int b = unused[--unusedCount];
            blossomBase[b] = base;
            blossomParent[b] = -1;
            blossomParent[bb] = b;
            List<Integer> path = new ArrayList<>();
            List<Integer> ends = new ArrayList<>();
            while (bv != bb) {
                blossomParent[bv] = b;
                path.add(bv);
                ends.add(labelEnd[bv]);
                v = endpoint[labelEnd[bv]];
                bv = inBlossom[v];
            }
            path.add(bb);
            Collections.reverse(path);
            Collections.reverse(ends);
            ends.add(2 * k);
            while (bw != bb) {
                blossomParent[bw] = b;
                path.add(bw);
                ends.add(labelEnd[bw] ^ 1);
                w = endpoint[labelEnd[bw]];
                bw = inBlossom[w];
            }
            blossomChildren[b] = path.stream().mapToInt(Integer::intValue).toArray();
            blossomEnds[b] = ends.stream().mapToInt(Integer::intValue).toArray();
            label[b] = 1;
            labelEnd[b] = labelEnd[bb];
            dual[b] = 0;
            for (int x : leaves(b)) {
                if (label[inBlossom[x]] == 2) {
                    enqueue(x);
                }
                inBlossom[x] = b;
            }
            // Best edge from the new blossom to each other S-blossom, merged from the children's lists.
            int[] bestTo = new int[2 * n];
            Arrays.fill(bestTo, -1);
            for (int child : blossomChildren[b]) {
                List<int[]> lists = new ArrayList<>();
                if (blossomBestEdges[child] == null) {
                    for (int x : leaves(child)) {
                        int[] ks = new int[neighbourEnds[x].length];
                        for (int q = 0; q < ks.length; q++) {
                            ks[q] = neighbourEnds[x][q] / 2;
                        }
                        lists.add(ks);
                    }
                } else {
                    lists.add(blossomBestEdges[child]);
                }
                for (int[] list : lists) {
                    for (int e : list) {
                        int i = endpoint[2 * e];
                        int j = endpoint[2 * e + 1];
                        if (inBlossom[j] == b) {
                            j = i;
                        }
                        int bj = inBlossom[j];
                        if (bj != b && label[bj] == 1 && (bestTo[bj] == -1 || slack(e) < slack(bestTo[bj]))) {
                            bestTo[bj] = e;
                        }
                    }
                }
                blossomBestEdges[child] = null;
                bestEdge[child] = -1;
            }
            blossomBestEdges[b] = Arrays.stream(bestTo).filter(e -> e != -1).toArray();
            bestEdge[b] = -1;
            for (int e : blossomBestEdges[b]) {
                if (bestEdge[b] == -1 || slack(e) < slack(bestEdge[b])) {
                    bestEdge[b] = e;
                }
            }
        }

        private static int indexOf(int[] array, int x) {
            for (int i = 0; i < array.length; i++) {
                if (array[i] == x) {
                    return i;
                }
            }
            throw new IllegalStateException("child not in blossom");
        }

        private static int at(int[] array, int i) {
            return array[Math.floorMod(i, array.length)];
        }

        private void expandBlossom(int b, boolean endStage) {
            for (int s : blossomChildren[b]) {
                blossomParent[s] = -1;
                if (s < n) {
                    inBlossom[s] = s;
                } else if (endStage && dual[s] == 0) {
                    expandBlossom(s, true);
                } else {
                    for (int x : leaves(s)) {
                        inBlossom[x] = s;
                    }
                }
            }
            if (!endStage && label[b] == 2) {
                // Relabel the children on the even-length path from the entry child to the base as T/S.
                int[] children = blossomChildren[b];
                int[] ends = blossomEnds[b];
                int entryChild = inBlossom[endpoint[labelEnd[b] ^ 1]];
                int j = indexOf(children, entryChild);
                int jStep;
                int endTrick;
                if ((j & 1) != 0) {
                    j -= children.length;
                    jStep = 1;
                    endTrick = 0;
                } else {
                    jStep = -1;
                    endTrick = 1;
                }
                int p = labelEnd[b];
                while (j != 0) {
                    label[endpoint[p ^ 1]] = 0;
                    label[endpoint[at(ends, j - endTrick) ^ endTrick ^ 1]] = 0;
                    assignLabel(endpoint[p ^ 1], 2, p);
                    allowed[at(ends, j - endTrick) / 2] = true;
                    j += jStep;
                    p = at(ends, j - endTrick) ^ endTrick;
                    allowed[p / 2] = true;
                    j += jStep;
                }
                int bv = at(children, j);
                label[endpoint[p ^ 1]] = label[bv] = 2;
                labelEnd[endpoint[p ^ 1]] = labelEnd[bv] = p;
                bestEdge[bv] = -1;
                j += jStep;
                while (at(children, j) != entryChild) {
                    bv = at(children, j);
                    if (label[bv] == 1) {
                        j += jStep;
                        continue;
                    }
                    int labelled = -1;
                    for (int x : leaves(bv)) {
                        if (label[x] != 0) {
                            labelled = x;
                            break;
                        }
                    }
                    if (labelled >= 0) {
                        label[labelled] = 0;
                        label[endpoint[mate[blossomBase[bv]]]] = 0;
                        assignLabel(labelled, 2, labelEnd[labelled]);
                    }
                    j += jStep;
                }
            }
            label[b] = 0;
            labelEnd[b] = -1;
            blossomChildren[b] = null;
            blossomEnds[b] = null;
            blossomBase[b] = -1;
            blossomBestEdges[b] = null;
            bestEdge[b] = -1;
            unused[unusedCount++] = b;
        }

        /** Flips the matching inside blossom b along the even path to vertex v, which becomes the base. */
        private void augmentBlossom(int b, int v) {
            int t = v;
            while (blossomParent[t] != b) {
                t = blossomParent[t];
            }
            if (t >= n) {
                augmentBlossom(t, v);
            }
            int[] children = blossomChildren[b];
            int[] ends = blossomEnds[b];
            int i = indexOf(children, t);
            int j = i;
            int jStep;
            int endTrick;
            if ((i & 1) != 0) {
                j -= children.length;
                jStep = 1;
                endTrick = 0;
            } else {
                jStep = -1;
                endTrick = 1;
            }
            while (j != 0) {
                j += jStep;
                t = at(children, j);
                int p = at(ends, j - endTrick) ^ endTrick;
                if (t >= n) {
                    augmentBlossom(t, endpoint[p]);
                }
                j += jStep;
                t = at(children, j);
                if (t >= n) {
                    augmentBlossom(t, endpoint[p ^ 1]);
                }
                mate[endpoint[p]] = p ^ 1;
                mate[endpoint[p ^ 1]] = p;
            }
            blossomChildren[b] = rotate(children, i);
            blossomEnds[b] = rotate(ends, i);
            blossomBase[b] = blossomBase[blossomChildren[b][0]];
        }

        private static int[] rotate(int[] array, int by) {
            int[] out = new int[array.length];
            for (int q = 0; q < array.length; q++) {
                out[q] = array[(q + by) % array.length];
            }
            return out;
        }

        private void augmentMatching(int k) {
            for (int side = 0; side < 2; side++) {
                int s = side == 0 ? endpoint[2 * k] : endpoint[2 * k + 1];
                int p = side == 0 ? 2 * k + 1 : 2 * k;
                while (true) {
                    int bs = inBlossom[s];
                    if (bs >= n) {
                        augmentBlossom(bs, s);
                    }
                    mate[s] = p;
                    if (labelEnd[bs] == -1) {
                        break;
                    }
                    int t = endpoint[labelEnd[bs]];
                    int bt = inBlossom[t];
                    s = endpoint[labelEnd[bt]];
                    int j = endpoint[labelEnd[bt] ^ 1];
                    if (bt >= n) {
                        augmentBlossom(bt, j);
                    }
                    mate[j] = labelEnd[bt];
                    p = labelEnd[bt] ^ 1;
                }
            }
        }

        /** Returns mate[v] = the vertex matched to v, or -1. */
        int[] run() {
            for (int stage = 0; stage < n; stage++) {
                Arrays.fill(label, 0);
                Arrays.fill(bestEdge, -1);
                Arrays.fill(blossomBestEdges, n, 2 * n, null);
                Arrays.fill(allowed, false);
                queueSize = 0;
                for (int x = 0; x < n; x++) {
                    if (mate[x] == -1 && label[inBlossom[x]] == 0) {
                        assignLabel(x, 1, -1);
                    }
                }
                boolean augmented = false;
                while (true) {
                    while (queueSize > 0 && !augmented) {
                        int x = queue[--queueSize];
                        for (int p : neighbourEnds[x]) {
                            int k = p / 2;
                            int y = endpoint[p];
                            if (inBlossom[x] == inBlossom[y]) {
                                continue;
                            }
                            long kSlack = 0;
                            if (!allowed[k]) {
                                kSlack = slack(k);
                                if (kSlack <= 0) {
                                    allowed[k] = true;
                                }
                            }
                            if (allowed[k]) {
                                if (label[inBlossom[y]] == 0) {
                                    assignLabel(y, 2, p ^ 1);
                                } else if (label[inBlossom[y]] == 1) {
                                    int base = scanBlossom(x, y);
                                    if (base >= 0) {
                                        addBlossom(base, k);
                                    } else {
                                        augmentMatching(k);
                                        augmented = true;
                                        break;
                                    }
                                } else if (label[y] == 0) {
                                    label[y] = 2;
                                    labelEnd[y] = p ^ 1;
                                }
                            } else if (label[inBlossom[y]] == 1) {
                                int b = inBlossom[x];
                                if (bestEdge[b] == -1 || kSlack < slack(bestEdge[b])) {
                                    bestEdge[b] = k;
                                }
                            } else if (label[y] == 0) {
                                if (bestEdge[y] == -1 || kSlack < slack(bestEdge[y])) {
                                    bestEdge[y] = k;
                                }
                            }
                        }
                    }
                    if (augmented) {
                        break;
                    }
                    // No tight edge helps: move the duals by the largest feasible step.
                    int deltaType = 1;
                    long delta = Long.MAX_VALUE;
                    for (int x = 0; x < n; x++) {
                        delta = Math.min(delta, dual[x]);
                    }
                    int deltaEdge = -1;
                    int deltaBlossom = -1;
                    for (int x = 0; x < n; x++) {
                        if (label[inBlossom[x]] == 0 && bestEdge[x] != -1) {
                            long d = slack(bestEdge[x]);
                            if (d < delta) {
                                delta = d;
                                deltaType = 2;
                                deltaEdge = bestEdge[x];
                            }
                        }
                    }
                    for (int b = 0; b < 2 * n; b++) {
                        if (blossomParent[b] == -1 && label[b] == 1 && bestEdge[b] != -1) {
                            long d = slack(bestEdge[b]) / 2;
                            if (d < delta) {
                                delta = d;
                                deltaType = 3;
                                deltaEdge = bestEdge[b];
                            }
                        }
                    }
                    for (int b = n; b < 2 * n; b++) {
                        if (blossomBase[b] >= 0 && blossomParent[b] == -1 && label[b] == 2 && dual[b] < delta) {
                            delta = dual[b];
                            deltaType = 4;
                            deltaBlossom = b;
                        }
                    }
                    for (int x = 0; x < n; x++) {
                        if (label[inBlossom[x]] == 1) {
                            dual[x] -= delta;
                        } else if (label[inBlossom[x]] == 2) {
                            dual[x] += delta;
                        }
                    }
                    for (int b = n; b < 2 * n; b++) {
                        if (blossomBase[b] >= 0 && blossomParent[b] == -1) {
                            if (label[b] == 1) {
                                dual[b] += delta;
                            } else if (label[b] == 2) {
                                dual[b] -= delta;
                            }
                        }
                    }
                    if (deltaType == 1) {
                        break;
                    } else if (deltaType == 2) {
                        allowed[deltaEdge] = true;
                        int i = endpoint[2 * deltaEdge];
                        if (label[inBlossom[i]] == 0) {
                            i = endpoint[2 * deltaEdge + 1];
                        }
                        enqueue(i);
                    } else if (deltaType == 3) {
                        allowed[deltaEdge] = true;
                        enqueue(endpoint[2 * deltaEdge]);
                    } else {
                        expandBlossom(deltaBlossom, false);
                    }
                }
                if (!augmented) {
                    break;
                }
                for (int b = n; b < 2 * n; b++) {
                    if (blossomParent[b] == -1 && blossomBase[b] >= 0 && label[b] == 1 && dual[b] == 0) {
                        expandBlossom(b, true);
                    }
                }
            }
            int[] result = new int[n];
            for (int x = 0; x < n; x++) {
                result[x] = mate[x] < 0 ? -1 : endpoint[mate[x]];
            }
            return result;
        }
    }
}
