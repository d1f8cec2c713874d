package org.mentoring.matching.recommend;

import java.util.List;
import java.util.UUID;

/** The best candidates for one person and kind of mentoring, best first. */
public record RecommendationPage(UUID profileId, String kind, List<Recommendation> items) {
}
