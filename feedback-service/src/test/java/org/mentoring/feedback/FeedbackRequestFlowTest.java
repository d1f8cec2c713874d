package org.mentoring.feedback;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mentoring.feedback.request.RequestIssuer;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.MentoringTestResource;

/** A session completes elsewhere; its participants are asked for feedback here, through the real broker. */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "feedback"))
class FeedbackRequestFlowTest extends FeedbackTestBase {

    @Inject
    RequestIssuer issuer;

    @Test
    void aCompletedSessionAsksEachParticipantAndOnlyTheAddresseeAnswersOnce() {
        UUID mentor = person("Engineering", "Berlin", 6);
        UUID mentee = person("Sales", "Lisbon", 2);
        UUID stranger = person("Sales", "Lisbon", 3);
        UUID mentorship = mentorship(null, mentor, mentee, now().minusDays(10));
        UUID session = completedSession(mentorship, null, now().minusHours(2), mentor, mentee);

        Eventually.await(WAIT, () -> as(mentee).get("/v1/feedback/requests").then().statusCode(200)
                .extract().<List<String>>path("items.sessionId"), ids -> ids.contains(session.toString()),
                "the mentee's request for the session");
        Response page = as(mentee).get("/v1/feedback/requests");
        Map<String, Object> request = page.jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(r -> session.toString().equals(r.get("sessionId"))).findFirst().orElseThrow();
        assertEquals("session", request.get("kind"));
        assertEquals("open", request.get("status"));
        assertEquals(mentor.toString(), request.get("aboutProfileId"));
        String requestId = (String) request.get("id");
        UUID mentorRequest = awaitRequest(mentor, "session", "session_id", session);

        // Not the addressee: the other participant, a stranger, an unknown caller.
        as(mentor).contentType("application/json").body(Map.of("rating", 5))
                .post("/v1/feedback/requests/" + requestId + "/answer")
                .then().statusCode(404).contentType(PROBLEM).body("type", equalTo("urn:mentoring:problem:not-found"));
        as(stranger).contentType("application/json").body(Map.of("requestId", requestId, "rating", 5))
                .post("/v1/feedback").then().statusCode(404).contentType(PROBLEM);
        as(stranger).get("/v1/feedback/requests/" + requestId).then().statusCode(404).contentType(PROBLEM);
        asStranger("employee").get("/v1/feedback/requests").then().statusCode(404).contentType(PROBLEM);
        asStranger("integration").get("/v1/feedback/requests").then().statusCode(403).contentType(PROBLEM);
        given401();

        String feedbackId = as(mentee).contentType("application/json")
                .body(Map.of("requestId", requestId, "rating", 4, "usefulness", 5, "preparation", 3,
                        "learnedSomething", 4, "goalProgress", 30, "comment", "Private thoughts about pacing",
                        "shareCommentWithOther", false))
                .post("/v1/feedback")
                .then().statusCode(201).header("Location", notNullValue())
                .body("rating", equalTo(4)).body("comment", equalTo("Private thoughts about pacing"))
                .body("editableUntil", notNullValue())
                .extract().path("id");
        as(mentee).contentType("application/json").body(Map.of("requestId", requestId, "rating", 2))
                .post("/v1/feedback").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:mentoring:problem:conflict"));
        as(mentee).get("/v1/feedback/requests").then().statusCode(200)
                .body("items.id", not(hasItem(requestId)));

        // The author reads and edits their answer in the window; no one else reads it.
        as(mentee).get("/v1/feedback/" + feedbackId).then().statusCode(200).body("usefulness", equalTo(5));
        as(mentor).get("/v1/feedback/" + feedbackId).then().statusCode(404).contentType(PROBLEM);
        as(mentee).contentType("application/json").body(Map.of("rating", 5, "comment", "Changed my mind",
                        "shareCommentWithOther", false))
                .put("/v1/feedback/" + feedbackId).then().statusCode(200).body("rating", equalTo(5));
        as(mentor).contentType("application/json").body(Map.of("rating", 1))
                .put("/v1/feedback/" + feedbackId).then().statusCode(404).contentType(PROBLEM);

        // Comment visibility: the mentor sees no private comment and never the ratings.
        as(mentor).get("/v1/feedback/received").then().statusCode(200)
                .body("items.find { it.id == '" + feedbackId + "' }.comment", nullValue())
                .body("items.find { it.id == '" + feedbackId + "' }.rating", nullValue())
                .body("items.find { it.id == '" + feedbackId + "' }.fromProfileId", equalTo(mentee.toString()));

        String shared = as(mentor).contentType("application/json")
                .body(Map.of("rating", 5, "comment", "Great questions, well prepared", "shareCommentWithOther", true))
                .post("/v1/feedback/requests/" + mentorRequest + "/answer")
                .then().statusCode(201).extract().path("id");
        as(mentee).get("/v1/feedback/received").then().statusCode(200)
                .body("items.find { it.id == '" + shared + "' }.comment", equalTo("Great questions, well prepared"));

        // Events: catalogue-valid, and the submitted ones carry numbers, never the comments.
        EventCatalogue.load().assertOutboxConforms(dataSource, "feedback");
        List<Map<String, Object>> submitted = rows("SELECT data FROM feedback.outbox WHERE type = "
                + "'mentoring.feedback.submitted.v1' AND data LIKE ?", "%" + feedbackId + "%");
        assertEquals(2, submitted.size(), "one event for the answer, one for its change");
        submitted.forEach(row -> assertFalse(row.get("data").toString().contains("mind"), row.toString()));
        assertTrue(count("SELECT count(*) FROM feedback.outbox WHERE type = 'mentoring.feedback.requested.v1' "
                + "AND data LIKE ?", "%" + session + "%") == 2);
    }

    @Test
    void badAnswersAreProblemsAndChangeNothing() {
        UUID mentor = person("Engineering", "Berlin", 6);
        UUID mentee = person("Engineering", "Berlin", 2);
        UUID mentorship = mentorship(null, mentor, mentee, now().minusDays(3));
        UUID session = completedSession(mentorship, null, now().minusHours(1), mentor, mentee);
        UUID request = awaitRequest(mentee, "session", "session_id", session);
        String path = "/v1/feedback/requests/" + request + "/answer";

        as(mentee).contentType("application/json").body(Map.of("rating", 6)).post(path)
                .then().statusCode(400).contentType(PROBLEM);
        as(mentee).contentType("application/json").body(Map.of("usefulness", 3)).post(path)
                .then().statusCode(400).contentType(PROBLEM);
        as(mentee).contentType("application/json").body(Map.of("rating", 3, "nps", 9)).post(path)
                .then().statusCode(400).contentType(PROBLEM).body("detail", equalTo("nps: is asked only in end surveys"));
        as(mentee).contentType("application/json").body(Map.of("rating", 3, "mood", "fine")).post(path)
                .then().statusCode(400).contentType(PROBLEM);
        as(mentee).contentType("application/json").body("{").post(path).then().statusCode(400).contentType(PROBLEM);
        as(mentee).contentType("application/json").body(Map.of("rating", 3)).post("/v1/feedback/requests/not-a-uuid/answer")
                .then().statusCode(404).contentType(PROBLEM);
        as(mentee).get("/v1/feedback/requests?cursor=garbage").then().statusCode(400).contentType(PROBLEM);
        as(mentee).get("/v1/feedback/requests?limit=0").then().statusCode(400).contentType(PROBLEM);
        as(mentee).get("/v1/feedback/requests?limit=x").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
        as(mentee).get("/v1/feedback/received?limit=x").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
        assertEquals(0, count("SELECT count(*) FROM feedback.feedback_answer WHERE request_id = ?", request));
        assertEquals("open", first("SELECT status FROM feedback.feedback_request WHERE id = ?", request).orElseThrow());
    }

    @Test
    void anEndedMentorshipSendsEndSurveysWithNpsAndDeactivationClosesOpenRequests() {
        UUID mentor = person("Engineering", "Berlin", 6);
        UUID mentee = person("Finance", "Paris", 2);
        var started = now().minusDays(90);
        UUID mentorship = mentorship(null, mentor, mentee, started);
        endMentorship(mentorship, null, mentor, mentee, "completed", "completed", started, now());
        UUID menteeSurvey = awaitRequest(mentee, "end_survey", "mentorship_id", mentorship);
        UUID mentorSurvey = awaitRequest(mentor, "end_survey", "mentorship_id", mentorship);

        as(mentee).contentType("application/json")
                .body(Map.of("rating", 5, "nps", 10, "wouldRepeat", true, "goalProgress", 80))
                .post("/v1/feedback/requests/" + menteeSurvey + "/answer")
                .then().statusCode(201).body("nps", equalTo(10)).body("wouldRepeat", equalTo(true))
                .body("kind", equalTo("end_survey"));

        deactivate(mentor);
        Eventually.await(WAIT, () -> first("SELECT status FROM feedback.feedback_request WHERE id = ?", mentorSurvey)
                .orElseThrow(), "closed"::equals, "the departed mentor's survey closed");
        assertEquals(1, count("SELECT count(*) FROM feedback.outbox WHERE type = 'mentoring.feedback.closed.v1' "
                + "AND data LIKE ?", "%" + mentorSurvey + "%"));
        as(mentee).get("/v1/feedback/requests").then().statusCode(200).body("items.id", not(hasItem(menteeSurvey.toString())));
        EventCatalogue.load().assertOutboxConforms(dataSource, "feedback");
    }

    @Test
    void aSessionMarkedHeldAfterOneOfThePairWasErasedAsksAboutNoOne() {
        UUID mentor = person("Engineering", "Berlin", 6);
        UUID mentee = person("Engineering", "Berlin", 2);
        UUID mentorship = mentorship(null, mentor, mentee, now().minusDays(3));
        erase(mentor);
        // Held yesterday, marked held today by the mentee: the completed event still names both.
        UUID session = completedSession(mentorship, null, now().minusDays(1), mentor, mentee);
        UUID request = awaitRequest(mentee, "session", "session_id", session);
        assertTrue(first("SELECT about_profile_id FROM feedback.feedback_request WHERE id = ?", request).isEmpty());
        as(mentee).contentType("application/json").body(Map.of("rating", 5, "comment", "Good session"))
                .post("/v1/feedback/requests/" + request + "/answer").then().statusCode(201);
        assertEquals(0, count("SELECT count(*) FROM feedback.feedback_answer WHERE about_profile_id = ?", mentor));
        assertEquals(0, count("SELECT count(*) FROM feedback.mentor_quality WHERE profile_id = ?", mentor));
        assertEquals(0, count("SELECT count(*) FROM feedback.feedback_request WHERE profile_id = ?", mentor));
    }

    @Test
    void aLateDeactivationLeavesTheRequestsOfSomeoneEmployedAgainOpen() {
        UUID mentor = person("Engineering", "Berlin", 6);
        UUID mentee = person("Engineering", "Berlin", 2);
        UUID mentorship = mentorship(null, mentor, mentee, now().minusDays(3));
        UUID session = completedSession(mentorship, null, now().minusHours(1), mentor, mentee);
        UUID request = awaitRequest(mentee, "session", "session_id", session);
        // The read model already holds the mentee at version 5 (employed again); the deactivation of version 2 comes
        // late, then an update of version 6 on the same key, consumed after it.
        runSql("UPDATE feedback.person SET version = 5 WHERE profile_id = ?", mentee);
        deactivate(mentee);
        profileChange("mentoring.profile.updated.v1", mentee, "active", 6);
        Eventually.await(WAIT, () -> count("SELECT count(*) FROM feedback.person WHERE profile_id = ? AND version = 6",
                mentee), n -> n == 1, "the update after the late deactivation");
        assertEquals("open", first("SELECT status FROM feedback.feedback_request WHERE id = ?", request).orElseThrow());
    }

    @Test
    void anExpiredRequestCannotBeAnsweredAndAnAnswerIsFrozenAfterTheEditWindow() {
        UUID mentor = person("Engineering", "Berlin", 6);
        UUID mentee = person("Engineering", "Berlin", 2);
        UUID mentorship = mentorship(null, mentor, mentee, now().minusDays(3));
        UUID session = completedSession(mentorship, null, now().minusHours(1), mentor, mentee);
        UUID menteeRequest = awaitRequest(mentee, "session", "session_id", session);
        UUID mentorRequest = awaitRequest(mentor, "session", "session_id", session);
        assertTrue(count("SELECT count(*) FROM feedback.feedback_request WHERE id = ? "
                + "AND expires_at - created_at = interval '14 days'", menteeRequest) == 1, "default expiry P14D");

        runSql("UPDATE feedback.feedback_request SET expires_at = now() - interval '1 minute' WHERE id = ?", menteeRequest);
        as(mentee).contentType("application/json").body(Map.of("rating", 3))
                .post("/v1/feedback/requests/" + menteeRequest + "/answer")
                .then().statusCode(410).contentType(PROBLEM).body("type", equalTo("urn:mentoring:problem:gone"));
        as(mentee).get("/v1/feedback/requests").then().statusCode(200)
                .body("items.id", not(hasItem(menteeRequest.toString())));
        int expired = QuarkusTransaction.requiringNew().call(issuer::expireDue);
        assertTrue(expired >= 1);
        assertEquals("expired", first("SELECT status FROM feedback.feedback_request WHERE id = ?", menteeRequest)
                .orElseThrow());
        assertEquals(1, count("SELECT count(*) FROM feedback.outbox WHERE type = 'mentoring.feedback.closed.v1' "
                + "AND data LIKE ? AND data LIKE '%\"status\":\"expired\"%'", "%" + menteeRequest + "%"));

        String answer = as(mentor).contentType("application/json").body(Map.of("rating", 4))
                .post("/v1/feedback/requests/" + mentorRequest + "/answer").then().statusCode(201).extract().path("id");
        runSql("UPDATE feedback.feedback_answer SET submitted_at = now() - interval '25 hours' WHERE id = ?::uuid", answer);
        as(mentor).contentType("application/json").body(Map.of("rating", 1)).put("/v1/feedback/" + answer)
                .then().statusCode(409).contentType(PROBLEM);
        assertEquals(4, first("SELECT rating FROM feedback.feedback_answer WHERE id = ?::uuid", answer).orElseThrow());
        EventCatalogue.load().assertOutboxConforms(dataSource, "feedback");
    }

    private void runSql(String sql, Object... params) {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void given401() {
        io.restassured.RestAssured.given().get("/v1/feedback/requests").then().statusCode(401).contentType(PROBLEM);
    }
}
