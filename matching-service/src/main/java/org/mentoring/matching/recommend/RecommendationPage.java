package org.mentoring.matching.recommend;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The best candidates for one person and kind of mentoring, best first (a top-k list, not a page). */
@Schema(name = "Recommendations")
public record RecommendationPage(UUID profileId, String kind, List<Recommendation> items) {
}
