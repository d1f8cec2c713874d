package org.mentoring.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.MentoringTestResource;

/** Everything session-service publishes matches docs/asyncapi.yaml: types, topics and data schemas. */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "session"))
class SessionEventsContractTest {

    @Inject
    DataSource db;

    @Test
    void everyEventInTheOutboxConformsToTheCatalogue() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String moved = schedule(pair, LocalDate.now().plusDays(30).atTime(9, 0).toString());
        pair.mentee().api().body("{\"start\":\"" + LocalDate.now().plusDays(31).atTime(9, 0) + "\"}")
                .post("/v1/sessions/" + moved + "/reschedule").then().statusCode(200);
        String cancelled = schedule(pair, LocalDate.now().plusDays(32).atTime(9, 0).toString());
        pair.mentor().api().post("/v1/sessions/" + cancelled + "/cancel").then().statusCode(200);
        String held = schedule(pair, LocalDate.now().minusDays(2).atTime(9, 0).toString());
        pair.mentor().api().post("/v1/sessions/" + held + "/held").then().statusCode(200);
        String missed = schedule(pair, LocalDate.now().minusDays(1).atTime(9, 0).toString());
        pair.mentor().api().post("/v1/sessions/" + missed + "/no-show").then().statusCode(200);
        String goal = pair.mentee().api().body("{\"mentorshipId\":\"" + pair.mentorshipId() + "\",\"title\":\"Lead a"
                        + " project\",\"targetDate\":\"" + LocalDate.now().plusMonths(6) + "\",\"skills\":[\"Leadership\"]}")
                .post("/v1/goals").then().statusCode(201).extract().path("id");
        pair.mentee().api().body("{\"progress\":50}").patch("/v1/goals/" + goal).then().statusCode(200);
        pair.mentee().api().body("{\"status\":\"achieved\"}").patch("/v1/goals/" + goal).then().statusCode(200);

        int checked = EventCatalogue.load().assertOutboxConforms(db, "session");
        assertTrue(checked >= 8, "checked " + checked);
        for (String type : List.of("scheduled", "rescheduled", "cancelled", "completed", "missed")) {
            assertTrue(Fixtures.count(db, "SELECT count(*) FROM session.outbox WHERE type = 'mentoring.session."
                    + type + ".v1'") > 0, type);
        }
        for (String type : List.of("created", "updated", "completed")) {
            assertTrue(Fixtures.count(db, "SELECT count(*) FROM session.outbox WHERE type = 'mentoring.goal."
                    + type + ".v1'") > 0, type);
        }
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM session.outbox WHERE data LIKE '%Career plan%'"
                + " OR data LIKE '%Lead a project%'"), "no agenda, notes or goal titles in events");
    }

    private static String schedule(Fixtures.Pair pair, String start) {
        return pair.mentor().api().body(Fixtures.session(pair.mentorshipId(), start, 60, "Europe/Berlin"))
                .post("/v1/sessions").then().statusCode(201).extract().path("items[0].id");
    }
}
