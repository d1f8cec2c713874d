package org.mentoring.matching.program;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A pair a run proposes, with its score (0-1), each component's contribution, and the reasons in the mentee's
 * terms. In a peer programme mentee and mentor are the two peers.
 */
public record ProposedPair(UUID menteeId, UUID mentorId, double score, Map<String, Double> breakdown,
        List<String> reasons, List<String> goalSkills, boolean pinned) {
}
