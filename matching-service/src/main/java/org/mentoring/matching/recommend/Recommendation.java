package org.mentoring.matching.recommend;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One suggested person: the score (0-100), what each component contributed (points that add up to the score) and
 * the reasons in plain language, naming the caller's own goals.
 */
public record Recommendation(UUID profileId, String displayName, String jobTitle, String department,
        String location, double score, Map<String, Double> breakdown, List<String> reasons) {
}
