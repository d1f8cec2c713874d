package org.mentoring.session;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.MentoringTestResource;

@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "session"))
class SessionApiTest {

    @Inject
    DataSource db;

    private static String inDays(int days, int hour) {
        return LocalDate.now().plusDays(days).atTime(hour, 0).toString();
    }

    private static String schedule(Fixtures.Person as, UUID mentorshipId, String start) {
        return as.api().body(Fixtures.session(mentorshipId, start, 60, "Europe/Berlin"))
                .when().post("/v1/sessions")
                .then().statusCode(201).body("items", hasSize(1)).extract().path("items[0].id");
    }

    @Test
    void aParticipantSchedulesAndBothSeeIt() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String id = schedule(pair.mentor(), pair.mentorshipId(), inDays(10, 9));

        pair.mentee().api().when().get("/v1/sessions/" + id).then().statusCode(200)
                .body("status", equalTo("scheduled"))
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("localStart", equalTo(inDays(10, 9) + ":00"))
                .body("agenda", equalTo("Career plan"))
                .body("location", equalTo("Room 4.12"))
                .body("participantIds", hasItem(pair.mentor().id().toString()))
                .body("organizerId", equalTo(pair.mentor().id().toString()))
                .body("sequence", equalTo(0))
                .body("visibility", equalTo("full"));
    }

    @Test
    void strangersGet404AndAdminsSeeMetadataButNeverNotes() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String id = schedule(pair.mentor(), pair.mentorshipId(), inDays(11, 9));
        pair.mentor().api().body("{\"text\":\"We agreed on a plan\"}").put("/v1/sessions/" + id + "/notes")
                .then().statusCode(200).body("sharedNotes", equalTo("We agreed on a plan"));
        pair.mentor().api().body("{\"text\":\"Mentee seems stressed\"}").put("/v1/sessions/" + id + "/private-note")
                .then().statusCode(200).body("privateNote", equalTo("Mentee seems stressed"));

        Fixtures.Person stranger = Fixtures.person("stranger");
        Fixtures.awaitApplied(db, pair.mentorshipId(), stranger);
        stranger.api().get("/v1/sessions/" + id).then().statusCode(404).contentType(Fixtures.PROBLEM);
        stranger.api().post("/v1/sessions/" + id + "/cancel").then().statusCode(404).contentType(Fixtures.PROBLEM);
        stranger.api().get("/v1/sessions/" + id + ".ics").then().statusCode(404);
        stranger.api().get("/v1/sessions?mentorshipId=" + pair.mentorshipId()).then().statusCode(200)
                .body("items", hasSize(0));

        pair.programAdmin().api().get("/v1/sessions/" + id).then().statusCode(200)
                .body("visibility", equalTo("metadata"))
                .body("status", equalTo("scheduled"))
                .body("startsAt", notNullValue())
                .body("agenda", nullValue()).body("sharedNotes", nullValue()).body("privateNote", nullValue())
                .body("location", nullValue()).body("meetingLink", nullValue());
        pair.programAdmin().api().get("/v1/sessions?mentorshipId=" + pair.mentorshipId()).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].sharedNotes", nullValue());
        pair.programAdmin().api().post("/v1/sessions/" + id + "/cancel").then().statusCode(403)
                .contentType(Fixtures.PROBLEM);
        Fixtures.as(Fixtures.hrAdmin()).get("/v1/sessions/" + id).then().statusCode(200)
                .body("visibility", equalTo("metadata")).body("sharedNotes", nullValue());

        pair.mentee().api().get("/v1/sessions/" + id).then().statusCode(200)
                .body("sharedNotes", equalTo("We agreed on a plan"))
                .body("privateNote", nullValue());
        pair.mentor().api().get("/v1/sessions/" + id).then().statusCode(200)
                .body("privateNote", equalTo("Mentee seems stressed"));
        pair.mentor().api().body("{\"text\":\"\"}").put("/v1/sessions/" + id + "/private-note")
                .then().statusCode(200).body("privateNote", nullValue());
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM session.private_note WHERE session_id = '" + id + "'"));
    }

    @Test
    void anAdminOfAnotherProgrammeSeesNothing() {
        Fixtures.Pair pair = Fixtures.pair(db);
        Fixtures.Pair other = Fixtures.pair(db);
        String id = schedule(pair.mentor(), pair.mentorshipId(), inDays(12, 9));
        other.programAdmin().api().get("/v1/sessions/" + id).then().statusCode(404).contentType(Fixtures.PROBLEM);
    }

    @Test
    void anOverlappingSessionOfEitherPersonIsA409NamingIt() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String first = schedule(pair.mentor(), pair.mentorshipId(), inDays(13, 9));
        pair.mentee().api().body(Fixtures.session(pair.mentorshipId(), inDays(13, 9).replace("T09:00", "T09:30"), 30,
                        "Europe/Berlin"))
                .post("/v1/sessions").then().statusCode(409).contentType(Fixtures.PROBLEM)
                .body("type", equalTo("urn:mentoring:problem:conflict"))
                .body("detail", containsString(first))
                .body("errors[0].field", equalTo("start"));
        // Same wall-clock hour in another zone is another instant: no conflict.
        pair.mentee().api().body(Fixtures.session(pair.mentorshipId(), inDays(13, 9), 60, "America/New_York"))
                .post("/v1/sessions").then().statusCode(201);
        // Back to back is fine.
        schedule(pair.mentee(), pair.mentorshipId(), inDays(13, 10));
    }

    @Test
    void proposalsAreAnsweredByTheOtherParticipant() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String body = Fixtures.session(pair.mentorshipId(), inDays(14, 15), 45, "Europe/Berlin")
                .replace("\"agenda\"", "\"proposal\":true,\"agenda\"");
        String id = pair.mentee().api().body(body).post("/v1/sessions").then().statusCode(201)
                .body("items[0].status", equalTo("proposed"))
                .body("items[0].proposedBy", equalTo(pair.mentee().id().toString()))
                .extract().path("items[0].id");
        pair.mentee().api().post("/v1/sessions/" + id + "/accept").then().statusCode(409).contentType(Fixtures.PROBLEM);
        pair.mentor().api().post("/v1/sessions/" + id + "/accept").then().statusCode(200)
                .body("status", equalTo("scheduled")).body("sequence", equalTo(1));
        pair.mentor().api().post("/v1/sessions/" + id + "/decline").then().statusCode(409);

        String declined = pair.mentee().api().body(body.replace("T15:00", "T17:00")).post("/v1/sessions")
                .then().statusCode(201).extract().path("items[0].id");
        pair.mentor().api().post("/v1/sessions/" + declined + "/decline").then().statusCode(200)
                .body("status", equalTo("cancelled")).body("cancelReason", equalTo("participant"));
    }

    @Test
    void rescheduleKeepsTheIdAndRaisesTheSequenceThenCancelEndsIt() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String id = schedule(pair.mentor(), pair.mentorshipId(), inDays(15, 9));
        pair.mentee().api().body("{\"start\":\"" + inDays(16, 11) + "\",\"durationMinutes\":30}")
                .post("/v1/sessions/" + id + "/reschedule").then().statusCode(200)
                .body("id", equalTo(id)).body("sequence", equalTo(1)).body("durationMinutes", equalTo(30))
                .body("localStart", equalTo(inDays(16, 11) + ":00")).body("status", equalTo("scheduled"));
        pair.mentor().api().body("{\"reason\":\"Ill today, sorry\"}").post("/v1/sessions/" + id + "/cancel")
                .then().statusCode(200)
                .body("status", equalTo("cancelled")).body("cancelReason", equalTo("participant"))
                .body("cancelNote", equalTo("Ill today, sorry")).body("sequence", equalTo(2));
        pair.mentee().api().get("/v1/sessions/" + id).then().body("cancelNote", equalTo("Ill today, sorry"));
        pair.programAdmin().api().get("/v1/sessions/" + id).then().body("cancelReason", equalTo("participant"))
                .body("cancelNote", nullValue());
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM session.outbox WHERE data LIKE '%Ill today%'"));
        pair.mentor().api().post("/v1/sessions/" + id + "/cancel").then().statusCode(409).contentType(Fixtures.PROBLEM);
        pair.mentor().api().body("{\"start\":\"" + inDays(17, 11) + "\"}").post("/v1/sessions/" + id + "/reschedule")
                .then().statusCode(409);
    }

    @Test
    void aPastSessionIsLoggedAndMarkedHeldButAFutureOneCannotBe() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String past = schedule(pair.mentor(), pair.mentorshipId(), inDays(-7, 9));
        pair.mentee().api().post("/v1/sessions/" + past + "/held").then().statusCode(200)
                .body("status", equalTo("held"));
        pair.mentee().api().post("/v1/sessions/" + past + "/no-show").then().statusCode(409);

        String missed = schedule(pair.mentor(), pair.mentorshipId(), inDays(-3, 9));
        pair.mentor().api().post("/v1/sessions/" + missed + "/no-show").then().statusCode(200)
                .body("status", equalTo("missed"));

        String future = schedule(pair.mentor(), pair.mentorshipId(), inDays(3, 9));
        pair.mentor().api().post("/v1/sessions/" + future + "/held").then().statusCode(409)
                .contentType(Fixtures.PROBLEM).body("detail", containsString("not started"));
    }

    @Test
    void aWeeklySeriesAtNineBerlinStaysAtNineAcrossTheDaylightSavingChanges() {
        Fixtures.Pair pair = Fixtures.pair(db);
        int year = LocalDate.now().getYear() + 1;
        // Mondays from 16 March: the clocks go forward on the last Sunday of March.
        LocalDateTime firstMarch = firstMondayOnOrAfter(LocalDate.of(year, 3, 16)).atTime(9, 0);
        JsonPath spring = pair.mentor().api().body(seriesBody(pair.mentorshipId(), firstMarch, "weekly", 4))
                .post("/v1/sessions").then().statusCode(201).body("items", hasSize(4)).extract().jsonPath();
        assertSeries(spring);
        List<String> offsets = spring.getList("items.startsAt");
        assertEquals("+01:00", offsets.get(0).substring(offsets.get(0).length() - 6), offsets.toString());
        assertEquals("+02:00", offsets.get(3).substring(offsets.get(3).length() - 6), offsets.toString());

        LocalDateTime firstOctober = firstMondayOnOrAfter(LocalDate.of(year, 10, 12)).atTime(9, 0);
        JsonPath autumn = pair.mentor().api().body(seriesBody(pair.mentorshipId(), firstOctober, "biweekly", 3))
                .post("/v1/sessions").then().statusCode(201).body("items", hasSize(3)).extract().jsonPath();
        assertSeries(autumn);
        List<String> autumnOffsets = autumn.getList("items.startsAt");
        assertEquals("+02:00", autumnOffsets.get(0).substring(autumnOffsets.get(0).length() - 6));
        assertEquals("+01:00", autumnOffsets.get(2).substring(autumnOffsets.get(2).length() - 6));

        // One occurrence moves alone; its siblings keep their times.
        String second = spring.getString("items[1].id");
        pair.mentee().api().body("{\"start\":\"" + firstMarch.plusWeeks(1).plusHours(2) + "\"}")
                .post("/v1/sessions/" + second + "/reschedule").then().statusCode(200)
                .body("seriesId", equalTo(spring.getString("items[0].seriesId")));
        pair.mentee().api().get("/v1/sessions/" + spring.getString("items[2].id")).then()
                .body("localStart", equalTo(firstMarch.plusWeeks(2) + ":00")).body("sequence", equalTo(0));
    }

    @Test
    void aMonthlySeriesOnThe31stSkipsShortMonths() {
        Fixtures.Pair pair = Fixtures.pair(db);
        LocalDateTime first = LocalDate.of(LocalDate.now().getYear() + 1, 1, 31).atTime(14, 0);
        List<String> starts = pair.mentor().api().body(seriesBody(pair.mentorshipId(), first, "monthly", 3))
                .post("/v1/sessions").then().statusCode(201).extract().path("items.localStart");
        assertEquals(List.of(first + ":00", first.withMonth(3) + ":00", first.withMonth(5) + ":00"), starts);
    }

    @Test
    void aSeriesWithOneConflictingOccurrenceWritesNothing() {
        Fixtures.Pair pair = Fixtures.pair(db);
        LocalDateTime first = LocalDate.now().plusDays(40).atTime(8, 0);
        String blocking = schedule(pair.mentee(), pair.mentorshipId(), first.plusWeeks(2).toString());
        pair.mentor().api().body(seriesBody(pair.mentorshipId(), first, "weekly", 4)).post("/v1/sessions")
                .then().statusCode(409).body("detail", containsString(blocking));
        pair.mentor().api().get("/v1/sessions?mentorshipId=" + pair.mentorshipId()).then()
                .body("items", hasSize(1)).body("items[0].id", equalTo(blocking));
    }

    @Test
    void listFiltersAndPagesWithACursor() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String a = schedule(pair.mentor(), pair.mentorshipId(), inDays(20, 9));
        String b = schedule(pair.mentor(), pair.mentorshipId(), inDays(21, 9));
        String c = schedule(pair.mentor(), pair.mentorshipId(), inDays(22, 9));
        pair.mentor().api().post("/v1/sessions/" + c + "/cancel").then().statusCode(200);

        JsonPath page1 = pair.mentee().api().get("/v1/sessions?mentorshipId=" + pair.mentorshipId() + "&limit=2")
                .then().statusCode(200).body("items.id", contains(a, b)).extract().jsonPath();
        String cursor = page1.getString("nextCursor");
        pair.mentee().api().get("/v1/sessions?mentorshipId=" + pair.mentorshipId() + "&limit=2&cursor=" + cursor)
                .then().statusCode(200).body("items.id", contains(c)).body("nextCursor", nullValue());
        pair.mentee().api().get("/v1/sessions?participant=" + pair.mentor().id() + "&status=scheduled")
                .then().statusCode(200).body("items.id", contains(a, b));
        String from = LocalDate.now().plusDays(21).atStartOfDay() + "Z";
        pair.mentee().api().get("/v1/sessions?mentorshipId=" + pair.mentorshipId() + "&from=" + from)
                .then().statusCode(200).body("items.id", contains(b, c));
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        Fixtures.Pair pair = Fixtures.pair(db);
        pair.mentor().api().body(Fixtures.session(pair.mentorshipId(), inDays(5, 9), 60, "Mars/Olympus"))
                .post("/v1/sessions").then().statusCode(400).contentType(Fixtures.PROBLEM)
                .body("errors[0].field", equalTo("timeZone"));
        pair.mentor().api().body(Fixtures.session(pair.mentorshipId(), inDays(5, 9), 600, "Europe/Berlin"))
                .post("/v1/sessions").then().statusCode(400).contentType(Fixtures.PROBLEM);
        pair.mentor().api().body("{\"mentorshipId\":\"" + pair.mentorshipId() + "\",\"start\":\"tomorrow\","
                        + "\"durationMinutes\":30,\"timeZone\":\"Europe/Berlin\"}")
                .post("/v1/sessions").then().statusCode(400).contentType(Fixtures.PROBLEM);
        pair.mentor().api().body(Fixtures.session(pair.mentorshipId(), inDays(5, 9), 60, "Europe/Berlin")
                        .replace("\"agenda\"", "\"colour\":\"red\",\"agenda\""))
                .post("/v1/sessions").then().statusCode(400).contentType(Fixtures.PROBLEM);
        pair.mentor().api().body(Fixtures.session(UUID.randomUUID(), inDays(5, 9), 60, "Europe/Berlin"))
                .post("/v1/sessions").then().statusCode(404).contentType(Fixtures.PROBLEM);
        pair.mentor().api().get("/v1/sessions?status=maybe").then().statusCode(400).contentType(Fixtures.PROBLEM);
        pair.mentor().api().get("/v1/sessions?from=yesterday").then().statusCode(400).contentType(Fixtures.PROBLEM);
        // Dates Java reads and the database cannot hold: a bad request, not a failure of the service.
        pair.mentor().api().body(Fixtures.session(pair.mentorshipId(), "+300000-01-01T09:00:00", 60, "Europe/Berlin"))
                .post("/v1/sessions").then().statusCode(400).contentType(Fixtures.PROBLEM);
        pair.mentor().api().queryParam("from", "+300000-01-01T00:00:00Z").get("/v1/sessions")
                .then().statusCode(400).contentType(Fixtures.PROBLEM);
        pair.mentor().api().get("/v1/sessions?limit=many").then().statusCode(400).contentType(Fixtures.PROBLEM)
                .body("errors[0].field", equalTo("limit"));
        pair.mentor().api().get("/v1/sessions?cursor=not-a-cursor").then().statusCode(400)
                .contentType(Fixtures.PROBLEM);
        pair.mentor().api().get("/v1/sessions/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(Fixtures.PROBLEM);
        pair.mentor().api().get("/v1/sessions?mentorshipId=" + pair.mentorshipId()).then().body("items", hasSize(0));
        io.restassured.RestAssured.given().get("/v1/sessions").then().statusCode(401);
        Fixtures.as(org.mentoring.platform.testing.TestTokens.bearer("hris", "hris@example.com", "integration"))
                .get("/v1/sessions").then().statusCode(403).contentType(Fixtures.PROBLEM);
    }

    @Test
    void withoutATimeZoneTheCallersOwnIsUsed() {
        Fixtures.Pair pair = Fixtures.pair(db);
        pair.mentee().api().body("{\"mentorshipId\":\"" + pair.mentorshipId() + "\",\"start\":\"" + inDays(28, 9)
                        + "\",\"durationMinutes\":45}")
                .post("/v1/sessions").then().statusCode(201).body("items[0].timeZone", equalTo("Europe/Berlin"))
                .body("items[0].localStart", equalTo(inDays(28, 9) + ":00"));
    }

    @Test
    void aPausedMentorshipStillPlansButAnEndedOneDoesNot() {
        Fixtures.Pair pair = Fixtures.pair(db);
        Broker.publish("mentoring.mentorship.paused.v1", pair.mentorshipId(), Fixtures.mentorship(pair.mentorshipId(),
                pair.programId(), pair.mentor().id(), pair.mentee().id(), "paused", 2), Fixtures.MATCHING_SOURCE);
        Fixtures.awaitMentorshipVersion(db, pair.mentorshipId(), 2);
        schedule(pair.mentee(), pair.mentorshipId(), inDays(26, 9));
        Broker.publish("mentoring.mentorship.ended.v1", pair.mentorshipId(), Fixtures.mentorship(pair.mentorshipId(),
                pair.programId(), pair.mentor().id(), pair.mentee().id(), "ended", 3), Fixtures.MATCHING_SOURCE);
        Fixtures.awaitMentorshipVersion(db, pair.mentorshipId(), 3);
        pair.mentee().api().body(Fixtures.session(pair.mentorshipId(), inDays(27, 9), 60, "Europe/Berlin"))
                .post("/v1/sessions").then().statusCode(409).contentType(Fixtures.PROBLEM)
                .body("detail", containsString("ended"));
    }

    @Test
    void theAgendaChangesWhileOpen() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String id = schedule(pair.mentor(), pair.mentorshipId(), inDays(25, 9));
        pair.mentee().api().body("{\"agenda\":\"Promotion case\"}").put("/v1/sessions/" + id + "/agenda")
                .then().statusCode(200).body("agenda", equalTo("Promotion case"));
        Fixtures.as(Fixtures.hrAdmin()).body("{\"agenda\":\"x\"}").put("/v1/sessions/" + id + "/agenda")
                .then().statusCode(403);
    }

    private static String seriesBody(UUID mentorshipId, LocalDateTime first, String cadence, int count) {
        return Fixtures.session(mentorshipId, first.toString(), 60, "Europe/Berlin")
                .replace("\"agenda\"", "\"recurrence\":{\"cadence\":\"" + cadence + "\",\"count\":" + count
                        + "},\"agenda\"");
    }

    private static void assertSeries(JsonPath series) {
        List<String> local = series.getList("items.localStart");
        local.forEach(t -> assertEquals("09:00:00", t.substring(11), local.toString()));
        String seriesId = series.getString("items[0].seriesId");
        assertNotEquals(null, seriesId);
        series.getList("items.seriesId").forEach(s -> assertEquals(seriesId, s));
    }

    private static LocalDate firstMondayOnOrAfter(LocalDate day) {
        LocalDate d = day;
        while (d.getDayOfWeek() != java.time.DayOfWeek.MONDAY) {
            d = d.plusDays(1);
        }
        return d;
    }
}
