package org.mentoring.feedback;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.MentoringTestResource;

/** Check-ins a programme admin configures reach the active participants of that programme only. */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "feedback"))
class CheckInTest extends FeedbackTestBase {

    @Test
    void aCheckInDueTodayAsksEveryActiveParticipantOfTheProgramme() {
        UUID admin = person("People", "Berlin", 7);
        UUID otherAdmin = person("People", "Berlin", 7);
        UUID programId = UUID.randomUUID();
        program(programId, "Check-in test", List.of(admin));
        UUID mentor = person("Engineering", "Berlin", 6);
        UUID mentee = person("Sales", "Lisbon", 2);
        UUID outsider = person("Sales", "Lisbon", 2);
        UUID mentorship = mentorship(programId, mentor, mentee, now().minusDays(10));
        UUID elsewhere = mentorship(null, mentor, outsider, now().minusDays(10));
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        as(otherAdmin, "employee", "program-admin").contentType("application/json")
                .body(Map.of("programId", programId, "firstOn", today)).post("/v1/feedback/check-ins")
                .then().statusCode(404).contentType(PROBLEM);
        as(mentee).contentType("application/json").body(Map.of("programId", programId, "firstOn", today))
                .post("/v1/feedback/check-ins").then().statusCode(403).contentType(PROBLEM);
        as(admin, "employee", "program-admin").contentType("application/json")
                .body(Map.of("programId", programId, "firstOn", today, "cadence", "hourly"))
                .post("/v1/feedback/check-ins").then().statusCode(400).contentType(PROBLEM);
        as(admin, "employee", "program-admin").contentType("application/json")
                .body(Map.of("programId", programId, "firstOn", today, "untilOn", "2000-01-01"))
                .post("/v1/feedback/check-ins").then().statusCode(400).contentType(PROBLEM);

        String id = as(admin, "employee", "program-admin").contentType("application/json")
                .body(Map.of("programId", programId, "firstOn", today, "cadence", "monthly"))
                .post("/v1/feedback/check-ins")
                .then().statusCode(201).body("occurrences", equalTo(1)).body("cadence", equalTo("monthly"))
                .body("nextOn", equalTo(LocalDate.now(ZoneOffset.UTC).plusMonths(1).toString()))
                .extract().path("id");

        UUID request = awaitRequest(mentee, "check_in", "mentorship_id", mentorship);
        assertEquals(mentor, first("SELECT about_profile_id FROM feedback.feedback_request WHERE id = ?", request)
                .orElseThrow());
        assertEquals(1, count("SELECT count(*) FROM feedback.feedback_request WHERE kind = 'check_in' "
                + "AND check_in_id = ?::uuid AND profile_id = ?", id, mentor));
        assertEquals(0, count("SELECT count(*) FROM feedback.feedback_request WHERE kind = 'check_in' "
                + "AND mentorship_id = ?", elsewhere));
        as(mentee).contentType("application/json").body(Map.of("rating", 4, "goalProgress", 50))
                .post("/v1/feedback/requests/" + request + "/answer").then().statusCode(201)
                .body("kind", equalTo("check_in"));

        as(admin, "employee", "program-admin").get("/v1/feedback/check-ins?programId=" + programId)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id));
        as(otherAdmin, "employee", "program-admin").get("/v1/feedback/check-ins?programId=" + programId)
                .then().statusCode(404).contentType(PROBLEM);
        as(admin, "employee", "program-admin").get("/v1/feedback/check-ins?programId=programme-1")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("programId"));
        as(otherAdmin, "employee", "program-admin").delete("/v1/feedback/check-ins/" + id)
                .then().statusCode(404).contentType(PROBLEM);
        as(admin, "employee", "program-admin").delete("/v1/feedback/check-ins/" + id).then().statusCode(204);
        as(admin, "employee", "program-admin").get("/v1/feedback/check-ins?programId=" + programId)
                .then().statusCode(200).body("items[0].nextOn", equalTo(null));
    }
}
