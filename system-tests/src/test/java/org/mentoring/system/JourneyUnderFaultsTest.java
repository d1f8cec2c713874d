package org.mentoring.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.TestTokens;
import org.mentoring.system.Journeys.Person;

/**
 * A cohort programme from enrolment to its report while each service in turn is killed with SIGKILL and restarted,
 * watched by a webhook subscriber that verifies every delivery's signature on its own (HMAC-SHA256 over
 * {@code id.timestamp.body}, not the platform's code). Afterwards no event is lost, none is applied twice, the read
 * models agree, and the subscriber has every event of the journey.
 */
class JourneyUnderFaultsTest extends AgainstTheSystem {

    @Test
    void aProgrammeRunsToItsReportWhileEachServiceIsKilledAndTheSubscriberGetsEveryEvent() throws Exception {
        WebhookSubscriber receiver = new WebhookSubscriber();
        String subscriptionId = receiver.subscribeToEverything(api, "journey 2 watcher");
        Instant subscribedAt = Instant.now();

        Person admin = journeys.hire("admin", 6, "People");
        List<Person> mentors = new ArrayList<>();
        List<Person> mentees = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mentors.add(journeys.hire("cohort-mentor", 8, i % 2 == 0 ? "Engineering" : "Product"));
        }
        for (int i = 0; i < 8; i++) {
            mentees.add(journeys.hire("cohort-mentee", 2, i % 2 == 0 ? "Engineering" : "Sales"));
        }
        for (Person m : mentors) {
            journeys.preferences(m, Map.of("openToRoles", List.of("mentor"), "capacity", 2, "openToRequests", true,
                    "skills", List.of(Map.of("skill", "Public speaking", "proficiency", 5))));
        }
        // Fault 1: profile-service dies right after the writes; its unsent events go out after the restart.
        system.kill("profile");
        system.start("profile");

        String adminToken = TestTokens.bearer(admin.email(), admin.email(), "employee", "program-admin");
        Response program = journeys.eventually(201, () -> api.at("matching", adminToken).contentType("application/json")
                .body(Map.of("name", "Speaking up " + admin.externalId(), "kind", "one_to_one", "algorithm", "OPTIMAL",
                        "mentorCapacity", 2, "opensAt", Instant.now().minusSeconds(3600).toString(),
                        "closesAt", Instant.now().plusSeconds(86_400).toString()))
                .post("/v1/programs"));
        String programId = program.path("id");
        assertEquals(200, api.at("matching", adminToken).contentType("application/json")
                .body(Map.of("status", "enrolling")).patch("/v1/programs/" + programId).statusCode());
        String enrol = "/v1/programs/" + programId + "/enrolments";
        for (Person m : mentors) {
            journeys.eventually(201, () -> api.at("matching", m.token()).contentType("application/json")
                    .body(Map.of("role", "mentor", "capacity", 2)).post(enrol));
        }
        for (Person m : mentees) {
            journeys.eventually(201, () -> api.at("matching", m.token()).contentType("application/json")
                    .body(Map.of("role", "mentee", "goals", List.of(Map.of("skill", "Public speaking", "priority", 1))))
                    .post(enrol));
        }
        Response run = api.at("matching", adminToken).contentType("application/json").body("{}")
                .post("/v1/programs/" + programId + "/matching-runs");
        assertTrue(run.statusCode() == 200 || run.statusCode() == 201, run.asString());
        Response published = api.at("matching", adminToken).contentType("application/json")
                .post("/v1/programs/" + programId + "/matching-runs/" + run.path("id") + "/publish");
        assertEquals(200, published.statusCode(), published.asString());
        List<Map<String, String>> pairs = published.jsonPath().getList("pairs");
        assertEquals(8, pairs.size(), "every mentee matched: " + published.asString());
        // Fault 2: matching-service dies right after publishing: the started events are in its outbox.
        system.kill("matching");
        system.start("matching");

        Map<String, Person> byProfile = new LinkedHashMap<>();
        for (Person p : mentees) {
            byProfile.put(journeys.profileId(p), p);
        }
        for (Person p : mentors) {
            byProfile.put(journeys.profileId(p), p);
        }
        List<String[]> held = new ArrayList<>();
        int hour = 8;
        for (Map<String, String> pair : pairs) {
            Person mentee = byProfile.get(pair.get("menteeId"));
            Response mine = journeys.eventually(200, () -> api.at("matching", mentee.token())
                    .get("/v1/mentorships?status=active&role=mentee"));
            String mentorshipId = mine.jsonPath().getString("items.find { it.programId == '" + programId + "' }.id");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("mentorshipId", mentorshipId);
            body.put("start", LocalDate.now().minusDays(2).atTime(hour++, 0).toString());
            body.put("durationMinutes", 45);
            body.put("timeZone", "Europe/Berlin");
            Response scheduled = journeys.eventually(201, () -> api.at("session", mentee.token())
                    .contentType("application/json").body(body).post("/v1/sessions"));
            String sessionId = scheduled.path("items[0].id");
            assertEquals(200, api.at("session", mentee.token()).contentType("application/json").post("/v1/sessions/" + sessionId + "/held").statusCode());
            held.add(new String[] {sessionId, pair.get("menteeId"), pair.get("mentorId")});
        }
        // Fault 3: session-service dies with completed sessions' events possibly unsent.
        system.kill("session");
        system.start("session");

        int answered = 0;
        int ratingSum = 0;
        for (String[] s : held) {
            for (String participant : List.of(s[1], s[2])) {
                Person person = byProfile.get(participant);
                String requestId = requestAbout(person, s[0]);
                int rating = 3 + answered % 3;
                Response answer = api.at("feedback", person.token()).contentType("application/json")
                        .body(Map.of("rating", rating, "usefulness", 4, "preparation", 4, "learnedSomething", 4))
                        .post("/v1/feedback/requests/" + requestId + "/answer");
                assertEquals(201, answer.statusCode(), answer.asString());
                answered++;
                ratingSum += rating;
                if (answered == 8) {
                    // Fault 4: feedback-service dies half way through the answers.
                    system.kill("feedback");
                    system.start("feedback");
                }
            }
        }
        double expectedAverage = Math.round(ratingSum * 100.0 / answered) / 100.0;
        int expectedAnswers = answered;
        Until.passes(Journeys.PROPAGATION, () -> {
            Response report = api.at("feedback", adminToken).get("/v1/reports/programs/" + programId);
            assertEquals(200, report.statusCode(), report.asString());
            assertEquals(12, report.jsonPath().getInt("participation.enrolled.value"), report.asString());
            assertEquals(expectedAnswers, report.jsonPath().getInt("averageRatings.rating.basis"), report.asString());
            assertEquals(expectedAverage, report.jsonPath().getDouble("averageRatings.rating.value"), 0.01);
            assertTrue(report.jsonPath().getInt("suppressedFigures") > 0, "small groups are suppressed");
        });

        Until.passes(Journeys.PROPAGATION, () -> {
            assertEquals(Set.of(), missingFromInboxes(), "events published but not applied by a consumer");
            Set<String> missing = new HashSet<>();
            PublishedEvents.since(system.database(), subscribedAt).forEach(e -> missing.add(e.id()));
            missing.removeAll(receiver.received());
            assertEquals(Set.of(), missing, "events the webhook subscriber did not receive");
        });
        assertEquals(List.of(), receiver.problems, "deliveries that failed verification");
        for (String service : MentoringSystem.SERVICES) {
            assertEquals(0, count("SELECT count(*) FROM " + service + ".dead_letter"), service + " dead letters");
        }
        System.out.printf("journey 2 under SIGKILL of all four services: %d pairs, %d sessions, %d answers; webhook"
                + " subscriber verified %d distinct events (%d deliveries)%n", pairs.size(), held.size(), answered,
                receiver.received().size(), receiver.deliveries());
        assertEquals(204, api.at("profile", Api.HR).delete("/v1/webhooks/subscriptions/" + subscriptionId).statusCode());
        receiver.close();
    }

    private String requestAbout(Person person, String sessionId) {
        String[] id = new String[1];
        Until.passes(Journeys.PROPAGATION, () -> {
            Response open = api.at("feedback", person.token()).get("/v1/feedback/requests?limit=100");
            assertEquals(200, open.statusCode(), open.asString());
            id[0] = open.jsonPath().getString("items.find { it.sessionId == '" + sessionId + "' }.id");
            assertTrue(id[0] != null, "request about " + sessionId + " for " + person.email());
        });
        return id[0];
    }

    /** Outbox events of every service whose topic another service consumes, missing from that consumer's inbox. */
    private static Set<String> missingFromInboxes() throws SQLException {
        Map<String, List<String>> consumers = Map.of(
                "mentoring.profile.v1", List.of("matching", "session", "feedback"),
                "mentoring.mentorship.v1", List.of("session", "feedback"),
                "mentoring.program.v1", List.of("session", "feedback"),
                "mentoring.session.v1", List.of("feedback"));
        Set<String> missing = new HashSet<>();
        try (Connection c = system.database().adminConnection()) {
            for (String producer : MentoringSystem.SERVICES) {
                for (Map.Entry<String, List<String>> topic : consumers.entrySet()) {
                    for (String consumer : topic.getValue()) {
                        try (PreparedStatement ps = c.prepareStatement("SELECT o.id::text FROM " + producer + ".outbox o"
                                + " WHERE o.topic = ? AND NOT EXISTS (SELECT 1 FROM " + consumer + ".inbox i"
                                + " WHERE i.event_id = o.id::text)")) {
                            ps.setString(1, topic.getKey());
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    missing.add(topic.getKey() + " " + rs.getString(1) + " not in " + consumer);
                                }
                            }
                        }
                    }
                }
            }
        }
        return missing;
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = system.database().adminConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
