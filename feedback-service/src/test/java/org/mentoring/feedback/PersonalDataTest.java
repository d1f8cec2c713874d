package org.mentoring.feedback;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.MentoringTestResource;

/** A person's export, and their erasure: afterwards no table of this schema holds anything of theirs. */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "feedback"))
class PersonalDataTest extends FeedbackTestBase {

    private static final String THEIR_COMMENT = "Secret view on the pacing of our sessions";
    private static final String THEIR_KUDOS = "Thanks for pairing on the release";

    @Test
    void exportShowsWhatAPersonWroteAndReceivedAndErasureLeavesNothingOfThem() {
        UUID admin = person("People", "Berlin", 7);
        UUID programId = UUID.randomUUID();
        program(programId, "Erasure test", List.of(admin));
        UUID person = person("Legal", "Vienna", 3);
        UUID mentor = person("Engineering", "Berlin", 6);
        UUID colleague = person("Engineering", "Berlin", 4);
        enrol(programId, person, "mentee");
        UUID mentorship = mentorship(programId, mentor, person, now().minusDays(15));
        goal(mentorship, programId, person, "open");
        UUID session = completedSession(mentorship, programId, now().minusDays(2), mentor, person);
        UUID theirRequest = awaitRequest(person, "session", "session_id", session);
        UUID mentorRequest = awaitRequest(mentor, "session", "session_id", session);

        String theirAnswer = as(person).contentType("application/json")
                .body(Map.of("rating", 2, "usefulness", 2, "comment", THEIR_COMMENT, "shareCommentWithOther", true))
                .post("/v1/feedback/requests/" + theirRequest + "/answer").then().statusCode(201).extract().path("id");
        as(mentor).contentType("application/json")
                .body(Map.of("rating", 4, "comment", "Came well prepared", "shareCommentWithOther", true))
                .post("/v1/feedback/requests/" + mentorRequest + "/answer").then().statusCode(201);
        as(person).contentType("application/json").body(Map.of("toProfileId", colleague, "message", THEIR_KUDOS,
                "skills", List.of("Release management"))).post("/v1/kudos").then().statusCode(201);
        as(colleague).contentType("application/json").body(Map.of("toProfileId", person, "message", "You rock"))
                .post("/v1/kudos").then().statusCode(201);

        // Export: by the person, and by HR; not by a colleague.
        as(person).get("/v1/feedback/me/export").then().statusCode(200)
                .body("profileId", equalTo(person.toString()))
                .body("answersWritten", hasSize(1)).body("answersWritten[0].comment", equalTo(THEIR_COMMENT))
                .body("feedbackReceived", hasSize(1)).body("feedbackReceived[0].comment", equalTo("Came well prepared"))
                .body("feedbackReceived[0].rating", nullValue())
                .body("kudosGiven[0].message", equalTo(THEIR_KUDOS)).body("kudosReceived[0].message", equalTo("You rock"))
                .body("requests.id", org.hamcrest.Matchers.hasItem(theirRequest.toString()));
        asStranger("employee", "hr-admin").get("/v1/feedback/export/" + person).then().statusCode(200)
                .body("answersWritten[0].id", equalTo(theirAnswer));
        as(colleague).get("/v1/feedback/export/" + person).then().statusCode(403).contentType(PROBLEM);
        asStranger("employee", "hr-admin").get("/v1/feedback/export/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(PROBLEM);

        Eventually.await(WAIT, () -> count("SELECT count(*) FROM feedback.outbox WHERE sent_at IS NULL"), n -> n == 0,
                "the outbox relayed every event");
        // Dead letters: one that names the person, and one that is not text at all (which must not stop the erasure).
        UUID unreadable = UUID.randomUUID();
        deadLetter(unreadable, "someone-else", new byte[] {(byte) 0xff, 0, (byte) 0xc3});
        deadLetter(UUID.randomUUID(), "another-key",
                ("{\"mentorId\":\"" + person + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        erase(person);
        assertEquals(1, count("SELECT count(*) FROM feedback.dead_letter WHERE id = ?", unreadable));

        // Every table of the schema: no id, email, comment or kudos message of the person is left.
        List<String> tables = rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'feedback' "
                + "AND table_type = 'BASE TABLE'").stream().map(r -> (String) r.get("table_name")).toList();
        assertTrue(tables.containsAll(List.of("person", "feedback_answer", "feedback_request", "kudos", "mentorship",
                "mentorship_participant", "session", "goal", "enrolment", "outbox", "mentor_quality")), tables.toString());
        List<String> traces = new ArrayList<>();
        for (String table : tables) {
            for (Map<String, Object> row : rows("SELECT row_to_json(t)::text AS json FROM feedback." + table + " t")) {
                String json = (String) row.get("json");
                boolean tombstone = table.equals("person") && json.contains("\"erased\":true");
                for (String secret : List.of(person.toString(), email(person), THEIR_COMMENT, THEIR_KUDOS, "Legal",
                        "Vienna")) {
                    if (json.contains(secret) && !(tombstone && secret.equals(person.toString()))) {
                        traces.add(table + ": " + json);
                    }
                }
            }
        }
        assertEquals(List.of(), traces, "personal data left after erasure");
        Map<String, Object> tombstone = rows("SELECT * FROM feedback.person WHERE profile_id = ?", person).get(0);
        assertNull(tombstone.get("email"));
        assertNull(tombstone.get("external_id"));

        // The numbers stay, anonymous: the answer still counts, linked to no one.
        Map<String, Object> answer = rows("SELECT * FROM feedback.feedback_answer WHERE id = ?::uuid", theirAnswer).get(0);
        assertEquals(2, answer.get("rating"));
        assertNull(answer.get("author_id"));
        assertNull(answer.get("comment"));
        assertEquals(2, count("SELECT count(*) FROM feedback.feedback_answer WHERE mentorship_id = ?", mentorship));
        as(colleague).get("/v1/kudos").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].message", nullValue()).body("items[0].fromProfileId", nullValue());
        as(mentor).get("/v1/feedback/received").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].comment", nullValue());
        as(person).get("/v1/feedback/requests").then().statusCode(404).contentType(PROBLEM);
        assertFalse(rows("SELECT data FROM feedback.outbox").toString().contains(person.toString()));
    }

    private void deadLetter(UUID id, String key, byte[] payload) {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("INSERT INTO feedback.dead_letter (id, "
                + "topic, kafka_partition, kafka_offset, record_key, headers, payload, reason, attempts) "
                + "VALUES (?, 'mentoring.mentorship.v1', 0, 0, ?, '{}', ?, 'unreadable', 1)")) {
            ps.setObject(1, id);
            ps.setString(2, key);
            ps.setBytes(3, payload);
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
