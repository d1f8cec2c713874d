package org.mentoring.matching.engine;

import java.util.List;

/** A scored pair with its breakdown and the reasons shown to the mentee. */
public record PairScore(String menteeId, String mentorId, double score, ScoreBreakdown breakdown,
        List<String> reasons) {
    public PairScore {
        reasons = List.copyOf(reasons);
    }
}
