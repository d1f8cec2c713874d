package org.mentoring.feedback;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.MentoringTestResource;

/** Kudos between colleagues and the recognition profile they build. */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "feedback"))
class KudosTest extends FeedbackTestBase {

    @Test
    void colleaguesThankEachOtherAndTheRecognitionProfileCountsIt() {
        UUID helper = person("Engineering", "Berlin", 5);
        UUID alice = person("Sales", "Lisbon", 3);
        UUID bob = person("Finance", "Paris", 3);
        UUID mentee = person("Sales", "Lisbon", 2);
        UUID mentorship = mentorship(null, helper, mentee, now().minusDays(40));
        completedSession(mentorship, null, now().minusDays(30), helper, mentee);
        completedSession(mentorship, null, now().minusDays(10), helper, mentee);
        awaitRequest(mentee, "session", "mentorship_id", mentorship);
        org.mentoring.platform.testing.Eventually.await(WAIT, () -> count(
                "SELECT count(*) FROM feedback.session WHERE mentorship_id = ?", mentorship), n -> n == 2, "sessions");

        String kudosId = as(alice).contentType("application/json")
                .body(Map.of("toProfileId", helper, "message", "Thanks for untangling our Kafka consumer",
                        "skills", List.of("Kafka", "Java")))
                .post("/v1/kudos").then().statusCode(201).header("Location", notNullValue())
                .body("fromProfileId", equalTo(alice.toString())).body("skills", contains("Kafka", "Java"))
                .extract().path("id");
        as(bob).contentType("application/json").body(Map.of("toProfileId", helper, "message", "Great talk",
                "skills", List.of("Kafka"))).post("/v1/kudos").then().statusCode(201);
        as(mentee).contentType("application/json").body(Map.of("toProfileId", helper, "message", "Thank you",
                "mentorshipId", mentorship)).post("/v1/kudos").then().statusCode(201);

        as(helper).get("/v1/kudos").then().statusCode(200).body("items", hasSize(3))
                .body("items.message", hasItem("Great talk"));
        as(helper).get("/v1/kudos?limit=2").then().statusCode(200).body("items", hasSize(2))
                .body("nextCursor", notNullValue());
        as(alice).get("/v1/kudos?direction=given").then().statusCode(200).body("items.id", contains(kudosId));
        as(alice).get("/v1/kudos?direction=sideways").then().statusCode(400).contentType(PROBLEM);
        as(alice).get("/v1/kudos?limit=lots").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
        as(bob).get("/v1/kudos/" + kudosId).then().statusCode(404).contentType(PROBLEM);
        as(helper).get("/v1/kudos/" + kudosId).then().statusCode(200).body("message", equalTo(
                "Thanks for untangling our Kafka consumer"));

        for (String path : List.of("/v1/recognition/", "/v1/kudos/profiles/")) {
            as(bob).get(path + helper).then().statusCode(200)
                    .body("kudosReceived", equalTo(3)).body("sessionsGiven", equalTo(2))
                    .body("menteesHelped", equalTo(1))
                    .body("endorsedSkills[0].skill", equalTo("Kafka")).body("endorsedSkills[0].count", equalTo(2))
                    .body("ratingsAboutYou", nullValue());
        }
        as(helper).get("/v1/recognition/" + helper).then().statusCode(200)
                .body("ratingsAboutYou.rating.suppressed", equalTo(true));
        as(bob).get("/v1/recognition/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        asStranger("integration").get("/v1/recognition/" + helper).then().statusCode(403).contentType(PROBLEM);

        // Events carry who thanked whom for what, never the message.
        List<Map<String, Object>> events = rows("SELECT data FROM feedback.outbox WHERE type = 'mentoring.kudos.given.v1' "
                + "AND data LIKE ?", "%" + kudosId + "%");
        assertEquals(1, events.size());
        assertFalse(events.get(0).get("data").toString().contains("untangling"));
        EventCatalogue.load().assertOutboxConforms(dataSource, "feedback");
    }

    @Test
    void kudosAreRefusedToOneselfToUnknownPeopleAndAboutOthersMentorships() {
        UUID alice = person("Sales", "Lisbon", 3);
        UUID bob = person("Sales", "Lisbon", 3);
        UUID carol = person("Sales", "Lisbon", 3);
        UUID mentorship = mentorship(null, bob, carol, now().minusDays(5));
        long before = count("SELECT count(*) FROM feedback.kudos WHERE from_profile_id = ?", alice);

        as(alice).contentType("application/json").body(Map.of("toProfileId", alice, "message", "Me!"))
                .post("/v1/kudos").then().statusCode(422).contentType(PROBLEM);
        as(alice).contentType("application/json").body(Map.of("toProfileId", UUID.randomUUID(), "message", "Hi"))
                .post("/v1/kudos").then().statusCode(404).contentType(PROBLEM);
        as(alice).contentType("application/json").body(Map.of("toProfileId", bob, "message", "Hi",
                "mentorshipId", mentorship)).post("/v1/kudos").then().statusCode(422).contentType(PROBLEM);
        as(alice).contentType("application/json").body(Map.of("toProfileId", bob, "message", " "))
                .post("/v1/kudos").then().statusCode(400).contentType(PROBLEM);
        as(alice).contentType("application/json").body(Map.of("toProfileId", bob, "message", "x".repeat(2001)))
                .post("/v1/kudos").then().statusCode(400).contentType(PROBLEM);
        asStranger("employee").contentType("application/json").body(Map.of("toProfileId", bob, "message", "Hi"))
                .post("/v1/kudos").then().statusCode(404).contentType(PROBLEM);
        asStranger("integration").contentType("application/json").body(Map.of("toProfileId", bob, "message", "Hi"))
                .post("/v1/kudos").then().statusCode(403).contentType(PROBLEM);
        assertEquals(before, count("SELECT count(*) FROM feedback.kudos WHERE from_profile_id = ?", alice));
        // Someone who left, whose token is still valid for a while, gives none.
        deactivate(carol);
        Eventually.await(WAIT, () -> count("SELECT count(*) FROM feedback.person WHERE profile_id = ? AND status = "
                + "'terminated'", carol), n -> n == 1, "carol's departure");
        as(carol).contentType("application/json").body(Map.of("toProfileId", alice, "message", "Bye, and thanks"))
                .post("/v1/kudos").then().statusCode(422).contentType(PROBLEM);
        assertEquals(0, count("SELECT count(*) FROM feedback.kudos WHERE from_profile_id = ?", carol));
    }
}
