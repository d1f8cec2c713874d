package org.mentoring.session;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.MentoringTestResource;

@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "session"))
class GoalApiTest {

    @Inject
    DataSource db;

    static String goalBody(UUID mentorshipId) {
        return """
                {"mentorshipId":"%s","title":"Speak at the engineering all-hands","whyItMatters":"Visibility for promotion",
                 "targetDate":"%s","skills":["Public speaking"],"milestones":["Outline the talk","Dry run with mentor"]}
                """.formatted(mentorshipId, LocalDate.now().plusMonths(3));
    }

    static String createGoal(Fixtures.Person as, UUID mentorshipId) {
        return as.api().body(goalBody(mentorshipId)).post("/v1/goals").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void aGoalWithMilestonesIsOwnedByTheMenteeAndPublished() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String id = pair.mentor().api().body(goalBody(pair.mentorshipId())).post("/v1/goals").then().statusCode(201)
                .body("ownerId", equalTo(pair.mentee().id().toString()))
                .body("status", equalTo("open")).body("progress", equalTo(0))
                .body("milestones.title", contains("Outline the talk", "Dry run with mentor"))
                .body("milestoneCount", equalTo(2)).body("visibility", equalTo("full"))
                .extract().path("id");
        assertEquals(1, Fixtures.count(db, "SELECT count(*) FROM session.outbox WHERE type = 'mentoring.goal.created.v1'"
                + " AND record_key = '" + id + "'"));
        pair.mentee().api().get("/v1/goals/" + id).then().statusCode(200)
                .body("title", equalTo("Speak at the engineering all-hands"))
                .body("whyItMatters", equalTo("Visibility for promotion"));
    }

    @Test
    void progressMilestonesAndAchievementEmitUpdatedThenCompleted() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String id = createGoal(pair.mentee(), pair.mentorshipId());
        String milestone = pair.mentee().api().get("/v1/goals/" + id).then().extract().path("milestones[0].id");
        pair.mentee().api().body("{\"done\":true}").patch("/v1/goals/" + id + "/milestones/" + milestone)
                .then().statusCode(200).body("milestonesDone", equalTo(1));
        pair.mentee().api().body("{\"title\":\"Write the talk's abstract\"}").post("/v1/goals/" + id + "/milestones")
                .then().statusCode(200).body("milestoneCount", equalTo(3));
        pair.mentor().api().body("{\"progress\":60,\"skills\":[\"Public speaking\",\"Storytelling\"]}")
                .patch("/v1/goals/" + id).then().statusCode(200).body("progress", equalTo(60))
                .body("skills", contains("Public speaking", "Storytelling"));
        pair.mentee().api().body("{\"status\":\"achieved\"}").patch("/v1/goals/" + id).then().statusCode(200)
                .body("status", equalTo("achieved")).body("progress", equalTo(100)).body("version", equalTo(5));
        assertEquals(3, Fixtures.count(db, "SELECT count(*) FROM session.outbox WHERE type = 'mentoring.goal.updated.v1'"
                + " AND record_key = '" + id + "'"));
        assertEquals(1, Fixtures.count(db, "SELECT count(*) FROM session.outbox WHERE"
                + " type = 'mentoring.goal.completed.v1' AND record_key = '" + id + "'"));
        pair.mentee().api().body("{\"progress\":101}").patch("/v1/goals/" + id).then().statusCode(400)
                .contentType(Fixtures.PROBLEM);
        pair.mentee().api().body("{\"status\":\"finished\"}").patch("/v1/goals/" + id).then().statusCode(400)
                .contentType(Fixtures.PROBLEM);
    }

    @Test
    void actionItemsHaveAnOwnerAndADueDateAndGetDone() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String id = createGoal(pair.mentee(), pair.mentorshipId());
        String due = LocalDate.now().plusWeeks(2).toString();
        String item = pair.mentor().api().body("{\"title\":\"Send two example talks\",\"dueDate\":\"" + due + "\"}")
                .post("/v1/goals/" + id + "/action-items").then().statusCode(201)
                .body("ownerId", equalTo(pair.mentor().id().toString())).body("done", equalTo(false))
                .extract().path("id");
        pair.mentor().api().body("{\"title\":\"Draft the outline\",\"ownerId\":\"" + pair.mentee().id() + "\"}")
                .post("/v1/goals/" + id + "/action-items").then().statusCode(201);
        pair.mentor().api().body("{\"title\":\"x\",\"ownerId\":\"" + UUID.randomUUID() + "\"}")
                .post("/v1/goals/" + id + "/action-items").then().statusCode(400).contentType(Fixtures.PROBLEM);
        pair.mentor().api().body("{\"done\":true}").patch("/v1/goals/" + id + "/action-items/" + item)
                .then().statusCode(200).body("done", equalTo(true)).body("dueDate", equalTo(due));
        pair.mentee().api().get("/v1/goals/" + id + "/action-items").then().statusCode(200)
                .body("title", contains("Send two example talks", "Draft the outline"));
        pair.mentee().api().get("/v1/goals/" + id).then().body("actionItemCount", equalTo(2))
                .body("actionItemsDone", equalTo(1));
        pair.mentee().api().body("{\"done\":true}").patch("/v1/goals/" + id + "/action-items/" + UUID.randomUUID())
                .then().statusCode(404).contentType(Fixtures.PROBLEM);
    }

    @Test
    void reviewingAGoalInASessionLinksThem() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String id = createGoal(pair.mentee(), pair.mentorshipId());
        String session = pair.mentor().api()
                .body(Fixtures.session(pair.mentorshipId(), LocalDate.now().minusDays(2).atTime(10, 0).toString(), 60,
                        "Europe/Berlin"))
                .post("/v1/sessions").then().statusCode(201).extract().path("items[0].id");
        pair.mentor().api().body("{\"sessionId\":\"" + session + "\",\"progress\":40}")
                .post("/v1/goals/" + id + "/reviews").then().statusCode(200)
                .body("reviews", hasSize(1)).body("reviews[0].sessionId", equalTo(session))
                .body("reviews[0].reviewedBy", equalTo(pair.mentor().id().toString()))
                .body("progress", equalTo(40));

        Fixtures.Pair other = Fixtures.pair(db);
        String foreign = other.mentor().api()
                .body(Fixtures.session(other.mentorshipId(), LocalDate.now().plusDays(2).atTime(10, 0).toString(), 60,
                        "Europe/Berlin"))
                .post("/v1/sessions").then().statusCode(201).extract().path("items[0].id");
        pair.mentor().api().body("{\"sessionId\":\"" + foreign + "\",\"progress\":50}")
                .post("/v1/goals/" + id + "/reviews").then().statusCode(400).contentType(Fixtures.PROBLEM)
                .body("errors[0].field", equalTo("sessionId"));
    }

    @Test
    void strangersGet404AndAdminsSeeMetadataOnly() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String id = createGoal(pair.mentee(), pair.mentorshipId());
        Fixtures.Pair other = Fixtures.pair(db);

        other.mentor().api().get("/v1/goals/" + id).then().statusCode(404).contentType(Fixtures.PROBLEM);
        other.mentor().api().body("{\"progress\":10}").patch("/v1/goals/" + id).then().statusCode(404);
        other.mentor().api().get("/v1/goals/" + id + "/action-items").then().statusCode(404);
        other.mentor().api().body(goalBody(pair.mentorshipId())).post("/v1/goals").then().statusCode(404)
                .contentType(Fixtures.PROBLEM);
        other.programAdmin().api().get("/v1/goals/" + id).then().statusCode(404);

        pair.programAdmin().api().get("/v1/goals/" + id).then().statusCode(200)
                .body("visibility", equalTo("metadata")).body("title", nullValue())
                .body("whyItMatters", nullValue()).body("milestones", nullValue())
                .body("milestoneCount", equalTo(2)).body("status", equalTo("open"));
        pair.programAdmin().api().get("/v1/goals?mentorshipId=" + pair.mentorshipId()).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].title", nullValue());
        pair.programAdmin().api().get("/v1/goals/" + id + "/action-items").then().statusCode(403)
                .contentType(Fixtures.PROBLEM);
        pair.programAdmin().api().body("{\"progress\":10}").patch("/v1/goals/" + id).then().statusCode(403);
        Fixtures.as(Fixtures.hrAdmin()).get("/v1/goals/" + id).then().statusCode(200)
                .body("visibility", equalTo("metadata")).body("title", nullValue());
        other.mentor().api().get("/v1/goals?mentorshipId=" + pair.mentorshipId()).then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void badGoalsAreProblems() {
        Fixtures.Pair pair = Fixtures.pair(db);
        pair.mentee().api().body("{\"mentorshipId\":\"" + pair.mentorshipId() + "\",\"title\":\"  \"}")
                .post("/v1/goals").then().statusCode(400).contentType(Fixtures.PROBLEM);
        pair.mentee().api().body("{\"mentorshipId\":\"" + pair.mentorshipId() + "\",\"title\":\"Ok\","
                        + "\"targetDate\":\"next spring\"}")
                .post("/v1/goals").then().statusCode(400).contentType(Fixtures.PROBLEM);
        pair.mentee().api().get("/v1/goals?status=done").then().statusCode(400).contentType(Fixtures.PROBLEM);
        pair.mentee().api().get("/v1/goals?limit=2.5").then().statusCode(400).contentType(Fixtures.PROBLEM)
                .body("errors[0].field", equalTo("limit"));
        Fixtures.as(org.mentoring.platform.testing.TestTokens.bearer("hris", "hris@example.com", "integration"))
                .get("/v1/goals").then().statusCode(403).contentType(Fixtures.PROBLEM);
        pair.mentee().api().get("/v1/goals?mentorshipId=" + pair.mentorshipId()).then().body("items", hasSize(0));
    }

    @Test
    void goalsPageWithACursor() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String a = createGoal(pair.mentee(), pair.mentorshipId());
        String b = createGoal(pair.mentee(), pair.mentorshipId());
        String c = createGoal(pair.mentor(), pair.mentorshipId());
        String cursor = pair.mentee().api().get("/v1/goals?mentorshipId=" + pair.mentorshipId() + "&limit=2")
                .then().statusCode(200).body("items.id", contains(a, b)).extract().path("nextCursor");
        pair.mentee().api().get("/v1/goals?mentorshipId=" + pair.mentorshipId() + "&limit=2&cursor=" + cursor)
                .then().statusCode(200).body("items.id", contains(c)).body("nextCursor", nullValue());
    }
}
