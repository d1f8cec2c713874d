package org.mentoring.matching.engine;

import java.util.List;

/**
 * The outcome of a cohort run: the proposed pairs, the mentees left without a mentor and why, and the
 * objective (sum of the pairs' scores).
 */
public record Assignment(List<Match> matches, List<Unmatched> unmatched, double objective) {

    public Assignment {
        matches = List.copyOf(matches);
        unmatched = List.copyOf(unmatched);
    }

    /** A proposed pair; {@code pinned} when an admin forced it rather than the algorithm choosing it. */
    public record Match(String menteeId, String mentorId, double score, boolean pinned) {
    }

    public record Unmatched(String menteeId, UnmatchedReason reason) {
    }

    /** Why a mentee has no mentor in the result. */
    public enum UnmatchedReason {
        /** No mentor passed the hard constraints (or every one was forbidden). */
        NO_ELIGIBLE_MENTOR,
        /** Eligible mentors exist, but the capacity is better spent on other mentees. */
        ELIGIBLE_MENTORS_AT_CAPACITY,
        /** Every eligible pair scores zero or less, so no pair beats leaving the mentee unmatched. */
        NO_BENEFICIAL_MENTOR
    }
}
