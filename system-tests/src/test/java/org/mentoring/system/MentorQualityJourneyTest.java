package org.mentoring.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mentoring.system.Journeys.Person;

/**
 * Feedback closes the loop into matching across the real services: a mentee rates their mentor low after a session;
 * feedback-service publishes the mentor's damped quality, matching-service applies it, and the mentor drops below an
 * otherwise identical mentor in another employee's recommendations.
 */
class MentorQualityJourneyTest extends AgainstTheSystem {

    @Test
    void lowRatingsLowerAMentorsQualityInMatchingAndTheirRankInRecommendations() throws SQLException {
        String skill = "Skill " + UUID.randomUUID().toString().substring(0, 8);
        Person rated = hire("rated-mentor", 8);
        Person twin = hire("twin-mentor", 8);
        Person mentee = hire("rating-mentee", 3);
        Person observer = hire("observer", 3);
        for (Person mentor : List.of(rated, twin)) {
            journeys.preferences(mentor, Map.of("openToRoles", List.of("mentor"), "capacity", 3, "openToRequests", true,
                    "skills", List.of(Map.of("skill", skill, "proficiency", 5))));
        }
        for (Person p : List.of(mentee, observer)) {
            journeys.preferences(p, Map.of("openToRoles", List.of("mentee"),
                    "goals", List.of(Map.of("skill", skill, "targetLevel", 4, "priority", 1))));
        }
        String ratedId = journeys.profileId(rated);
        String twinId = journeys.profileId(twin);

        Response requested = journeys.eventually(201, () -> api.at("matching", mentee.token())
                .contentType("application/json")
                .body(Map.of("mentorId", ratedId, "message", "Could you help me with " + skill + "?"))
                .post("/v1/mentorships"));
        String mentorshipId = requested.path("id");
        assertEquals(200, api.at("matching", rated.token()).contentType("application/json")
                .post("/v1/mentorships/" + mentorshipId + "/accept").statusCode());
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("mentorshipId", mentorshipId);
            body.put("start", LocalDate.now().minusDays(10 - i).atTime(10, 0).toString());
            body.put("durationMinutes", 30);
            body.put("timeZone", "Europe/London");
            Response scheduled = journeys.eventually(201, () -> api.at("session", mentee.token())
                    .contentType("application/json").body(body).post("/v1/sessions"));
            String sessionId = scheduled.path("items[0].id");
            assertEquals(200, api.at("session", mentee.token()).contentType("application/json")
                    .post("/v1/sessions/" + sessionId + "/held").statusCode());
            String[] requestId = new String[1];
            Until.passes(Journeys.PROPAGATION, () -> {
                Response open = api.at("feedback", mentee.token()).get("/v1/feedback/requests?limit=100");
                requestId[0] = open.jsonPath().getString("items.find { it.sessionId == '" + sessionId + "' }.id");
                assertTrue(requestId[0] != null, open.asString());
            });
            Response answer = api.at("feedback", mentee.token()).contentType("application/json")
                    .body(Map.of("rating", 1, "usefulness", 1, "preparation", 1, "learnedSomething", 1))
                    .post("/v1/feedback/requests/" + requestId[0] + "/answer");
            assertEquals(201, answer.statusCode(), answer.asString());
        }

        // (3 x 1 + 5 x 3.5) / (3 + 5) with the default prior: 2.5625.
        Until.passes(Journeys.PROPAGATION, () -> {
            double quality = qualityOf(ratedId);
            assertEquals(2.5625, quality, 0.001, "matching's read model holds the damped quality");
            Response r = api.at("matching", observer.token()).get("/v1/recommendations?kind=mentor&limit=10");
            List<String> order = r.jsonPath().getList("items.profileId");
            assertTrue(order.contains(twinId) && order.contains(ratedId), r.asString());
            assertTrue(order.indexOf(twinId) < order.indexOf(ratedId), "the low-rated mentor ranks below the twin: "
                    + order);
        });
        System.out.printf("mentor quality through the broker: rated mentor at %.4f in matching, ranked below the twin%n",
                qualityOf(ratedId));
    }

    private Person hire(String role, int level) {
        Person p = Journeys.person(role, level);
        Response created = api.at("profile", Api.HR).contentType("application/json")
                .body(Journeys.employee(p, "Customer Success", "London", "Europe/London", level, null))
                .post("/v1/profiles");
        assertEquals(201, created.statusCode(), created.asString());
        return p;
    }

    private static double qualityOf(String profileId) throws SQLException {
        try (Connection c = system.database().adminConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT quality FROM matching.candidate WHERE profile_id = ?::uuid")) {
            ps.setString(1, profileId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getObject(1) != null ? rs.getDouble(1) : Double.NaN;
            }
        }
    }
}
