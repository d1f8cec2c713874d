package org.mentoring.matching.program;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A run as admins see it: the proposal, the unmatched and why, and the inputs it was computed from. */
public record MatchingRunView(UUID id, UUID programId, String status, String algorithm, double objective,
        List<ProposedPair> pairs, List<UnmatchedPerson> unmatched, String inputsHash, RunInputs inputs,
        Instant createdAt, Instant publishedAt) {

    public static MatchingRunView of(MatchingRun r) {
        return new MatchingRunView(r.id, r.programId, r.status, r.algorithm, r.objective, List.copyOf(r.pairs),
                List.copyOf(r.unmatched), r.inputsHash, r.inputs, r.createdAt, r.publishedAt);
    }
}
