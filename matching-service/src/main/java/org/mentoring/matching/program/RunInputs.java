package org.mentoring.matching.program;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a matching run depends on, in a canonical order (people by profile id, pairs by ids), stored with
 * the run. Two runs with equal inputs have the same hash and, the engine being deterministic, the same result.
 */
public record RunInputs(String kind, String algorithm, ProgramWeights weights, Eligibility eligibility, int topK,
        List<Participant> participants, List<PairRef> pins, List<PairRef> forbids, List<PairRef> endedPairs) {

    /**
     * One enrolled person as the run saw them: the enrolment (role, goals, capacity) joined with matching's read
     * model of the profile. {@code available} is false when the profile is unknown, deactivated or erased.
     * {@code quality} is the damped mentor rating (1-5) from feedback, from {@code ratingCount} ratings.
     */
    public record Participant(UUID profileId, String role, boolean available, Integer level, String department,
            String location, String timeZone, List<String> languages, Map<String, Integer> skills,
            List<EnrolmentGoal> goals, int capacity, List<UUID> managementChain, Double quality, int ratingCount) {
    }

    /** A mentee-mentor pair (for peer programmes, the two peers). */
    public record PairRef(UUID menteeId, UUID mentorId) {
    }
}
