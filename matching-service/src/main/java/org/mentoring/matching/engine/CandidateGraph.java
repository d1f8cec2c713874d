package org.mentoring.matching.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sparse bipartite graph the cohort algorithms work on: mentees, mentors with capacities, and for each
 * mentee the candidate mentors that passed the hard constraints, with the pair's score.
 *
 * <p>Arcs are stored in compressed rows (one contiguous slice per mentee), sorted by mentor id, so that
 * every algorithm walks them in the same order and results are deterministic for the same input.
 */
public final class CandidateGraph {

    private final String[] menteeIds;
    private final String[] mentorIds;
    private final int[] capacity;
    private final int[] rowStart;
    private final int[] arcMentor;
    private final double[] arcScore;
    private final Map<String, Integer> menteeIndex;
    private final Map<String, Integer> mentorIndex;

    private CandidateGraph(String[] menteeIds, String[] mentorIds, int[] capacity, int[] rowStart, int[] arcMentor,
            double[] arcScore) {
        this.menteeIds = menteeIds;
        this.mentorIds = mentorIds;
        this.capacity = capacity;
        this.rowStart = rowStart;
        this.arcMentor = arcMentor;
        this.arcScore = arcScore;
        this.menteeIndex = indexOf(menteeIds);
        this.mentorIndex = indexOf(mentorIds);
    }

    /**
     * Builds a graph directly from index arrays (rows must already be in the caller's chosen order); used
     * where the caller generates many arcs and a map per arc would cost more than the algorithm.
     */
    public static CandidateGraph ofArrays(String[] menteeIds, String[] mentorIds, int[] capacity, int[] rowStart,
            int[] arcMentor, double[] arcScore) {
        if (rowStart.length != menteeIds.length + 1 || capacity.length != mentorIds.length
                || arcMentor.length != arcScore.length || rowStart[menteeIds.length] != arcMentor.length) {
            throw new IllegalArgumentException("inconsistent graph arrays");
        }
        for (int c : capacity) {
            if (c < 0) {
                throw new IllegalArgumentException("negative capacity");
            }
        }
        for (double s : arcScore) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("scores must be finite");
            }
        }
        return new CandidateGraph(menteeIds.clone(), mentorIds.clone(), capacity.clone(), rowStart.clone(),
                arcMentor.clone(), arcScore.clone());
    }

    public static Builder builder() {
        return new Builder();
    }

    public int menteeCount() {
        return menteeIds.length;
    }

    public int mentorCount() {
        return mentorIds.length;
    }

    public int arcCount() {
        return arcMentor.length;
    }

    public String menteeId(int mentee) {
        return menteeIds[mentee];
    }

    public String mentorId(int mentor) {
        return mentorIds[mentor];
    }

    public int capacity(int mentor) {
        return capacity[mentor];
    }

    /** First arc of a mentee's row; the row ends at {@code rowEnd(mentee)} (exclusive). */
    public int rowStart(int mentee) {
        return rowStart[mentee];
    }

    public int rowEnd(int mentee) {
        return rowStart[mentee + 1];
    }

    public int arcMentor(int arc) {
        return arcMentor[arc];
    }

    public double arcScore(int arc) {
        return arcScore[arc];
    }

    /** Index of a mentee, or -1 when unknown. */
    public int menteeIndex(String id) {
        return menteeIndex.getOrDefault(id, -1);
    }

    /** Index of a mentor, or -1 when unknown. */
    public int mentorIndex(String id) {
        return mentorIndex.getOrDefault(id, -1);
    }

    /** The arc between a mentee and a mentor, or -1 when they are not candidates of each other. */
    public int arc(int mentee, int mentor) {
        for (int a = rowStart[mentee]; a < rowStart[mentee + 1]; a++) {
            if (arcMentor[a] == mentor) {
                return a;
            }
        }
        return -1;
    }

    private static Map<String, Integer> indexOf(String[] ids) {
        Map<String, Integer> index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (index.put(Objects.requireNonNull(ids[i], "id"), i) != null) {
                throw new IllegalArgumentException("duplicate id " + ids[i]);
            }
        }
        return index;
    }

    /** Collects people and arcs by id; {@link #build()} orders everything by id so insertion order does not matter. */
    public static final class Builder {
        private final Map<String, Integer> mentees = new HashMap<>();
        private final Map<String, Integer> mentors = new HashMap<>();
        private final List<Arc> arcs = new ArrayList<>();

        private record Arc(String menteeId, String mentorId, double score) {
        }

        public Builder mentee(String id) {
            mentees.putIfAbsent(Objects.requireNonNull(id), 0);
            return this;
        }

        public Builder mentor(String id, int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("negative capacity for " + id);
            }
            mentors.put(Objects.requireNonNull(id), capacity);
            return this;
        }

        public Builder arc(String menteeId, String mentorId, double score) {
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("score must be finite");
            }
            mentee(menteeId);
            if (!mentors.containsKey(mentorId)) {
                throw new IllegalArgumentException("unknown mentor " + mentorId + "; add mentors first");
            }
            arcs.add(new Arc(menteeId, mentorId, score));
            return this;
        }

        public CandidateGraph build() {
            String[] menteeIds = mentees.keySet().stream().sorted().toArray(String[]::new);
            String[] mentorIds = mentors.keySet().stream().sorted().toArray(String[]::new);
            Map<String, Integer> mi = indexOf(menteeIds);
            Map<String, Integer> ti = indexOf(mentorIds);
            int[] capacity = new int[mentorIds.length];
            for (int j = 0; j < mentorIds.length; j++) {
                capacity[j] = mentors.get(mentorIds[j]);
            }
            Arc[] sorted = arcs.toArray(new Arc[0]);
            Arrays.sort(sorted, (x, y) -> {
                int c = Integer.compare(mi.get(x.menteeId()), mi.get(y.menteeId()));
                return c != 0 ? c : Integer.compare(ti.get(x.mentorId()), ti.get(y.mentorId()));
            });
            int[] rowStart = new int[menteeIds.length + 1];
            int[] arcMentor = new int[sorted.length];
            double[] arcScore = new double[sorted.length];
            for (int a = 0; a < sorted.length; a++) {
                int i = mi.get(sorted[a].menteeId());
                arcMentor[a] = ti.get(sorted[a].mentorId());
                arcScore[a] = sorted[a].score();
                rowStart[i + 1]++;
                if (a > 0 && sorted[a - 1].menteeId().equals(sorted[a].menteeId())
                        && sorted[a - 1].mentorId().equals(sorted[a].mentorId())) {
                    throw new IllegalArgumentException("duplicate arc " + sorted[a].menteeId() + " -> " + sorted[a].mentorId());
                }
            }
            for (int i = 0; i < menteeIds.length; i++) {
                rowStart[i + 1] += rowStart[i];
            }
            return new CandidateGraph(menteeIds, mentorIds, capacity, rowStart, arcMentor, arcScore);
        }
    }
}
