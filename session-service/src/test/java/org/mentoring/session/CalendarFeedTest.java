package org.mentoring.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.MentoringTestResource;

/** Calendar feeds and single-session downloads, read back with ical4j and with ical.js. */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "session"))
class CalendarFeedTest {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX");

    @Inject
    DataSource db;

    record Seen(String uid, int sequence, String status, Instant start) {
    }

    @Test
    void theFeedShowsUpdatesWithTheSameUidAndCancellationsAsCancelled() throws Exception {
        Fixtures.Pair pair = Fixtures.pair(db);
        String path = feedPath(pair.mentee());
        LocalDateTime moved = LocalDate.now().plusDays(9).atTime(16, 30);
        String kept = schedule(pair.mentor(), pair.mentorshipId(), LocalDate.now().plusDays(8).atTime(9, 0));
        String cancelled = schedule(pair.mentor(), pair.mentorshipId(), LocalDate.now().plusDays(8).atTime(14, 0));
        pair.mentee().api().body("{\"start\":\"" + moved + "\"}").post("/v1/sessions/" + kept + "/reschedule")
                .then().statusCode(200);
        pair.mentor().api().post("/v1/sessions/" + cancelled + "/cancel").then().statusCode(200);
        pair.mentee().api().body("{\"text\":\"PRIVATE-thoughts\"}").put("/v1/sessions/" + kept + "/private-note")
                .then().statusCode(200);
        pair.mentee().api().body("{\"text\":\"SHARED-notes\"}").put("/v1/sessions/" + kept + "/notes")
                .then().statusCode(200);

        String ics = given().get(path).then().statusCode(200).contentType(startsWith("text/calendar"))
                .extract().asString();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertEquals("PUBLISH", calendar.getProperty(Property.METHOD).map(Property::getValue).orElseThrow());
        Map<String, Seen> byIcal4j = new HashMap<>();
        for (VEvent e : calendar.<VEvent>getComponents("VEVENT")) {
            Seen seen = new Seen(value(e, Property.UID), Integer.parseInt(value(e, Property.SEQUENCE)),
                    value(e, Property.STATUS), Instant.from(UTC.parse(value(e, Property.DTSTART))));
            byIcal4j.put(seen.uid(), seen);
        }
        Map<String, Seen> byIcalJs = new HashMap<>();
        JsonNode parsed = IcalJs.parse(ics);
        assertEquals("PUBLISH", parsed.path("method").asText());
        for (JsonNode e : parsed.path("events")) {
            Seen seen = new Seen(e.path("uid").asText(), e.path("sequence").asInt(), e.path("status").asText(),
                    Instant.parse(e.path("start").asText()));
            byIcalJs.put(seen.uid(), seen);
        }

        Instant movedAt = moved.atZone(ZoneId.of("Europe/Berlin")).toInstant();
        for (Map<String, Seen> parser : List.of(byIcal4j, byIcalJs)) {
            assertEquals(2, parser.size(), parser.toString());
            Seen k = parser.get(kept + "@sessions.mentoring");
            assertEquals(new Seen(kept + "@sessions.mentoring", 1, "CONFIRMED", movedAt), k, parser.toString());
            Seen c = parser.get(cancelled + "@sessions.mentoring");
            assertEquals("CANCELLED", c.status(), parser.toString());
            assertEquals(1, c.sequence());
        }
        assertFalse(ics.contains("PRIVATE-thoughts") || ics.contains("SHARED-notes"), "notes never go into a feed");
    }

    @Test
    void aWeeklySeriesInTheFeedStaysAtNineBerlinTimeAcrossTheChange() throws Exception {
        Fixtures.Pair pair = Fixtures.pair(db);
        String path = feedPath(pair.mentor());
        LocalDate day = LocalDate.of(LocalDate.now().getYear() + 1, 3, 16);
        while (day.getDayOfWeek() != java.time.DayOfWeek.WEDNESDAY) {
            day = day.plusDays(1);
        }
        pair.mentor().api().body(Fixtures.session(pair.mentorshipId(), day.atTime(9, 0).toString(), 60, "Europe/Berlin")
                        .replace("\"agenda\"", "\"recurrence\":{\"cadence\":\"weekly\",\"count\":4},\"agenda\""))
                .post("/v1/sessions").then().statusCode(201);
        String ics = given().get(path).then().statusCode(200).extract().asString();

        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertEquals(4, events.size());
        for (VEvent e : events) {
            Instant start = Instant.from(UTC.parse(value(e, Property.DTSTART)));
            assertEquals(LocalTime.of(9, 0), start.atZone(ZoneId.of("Europe/Berlin")).toLocalTime(), ics);
        }
        JsonNode parsed = IcalJs.parse(ics);
        assertEquals(4, parsed.path("events").size());
        java.util.Set<String> utcTimes = new java.util.TreeSet<>();
        for (JsonNode e : parsed.path("events")) {
            Instant start = Instant.parse(e.path("start").asText());
            assertEquals(LocalTime.of(9, 0), start.atZone(ZoneId.of("Europe/Berlin")).toLocalTime());
            utcTimes.add(start.atOffset(ZoneOffset.UTC).toLocalTime().toString());
        }
        assertEquals(java.util.Set.of("07:00", "08:00"), utcTimes, "UTC times differ before and after the change");
    }

    @Test
    void rotatingOrRevokingTheTokenClosesTheOldUrl() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String first = feedPath(pair.mentor());
        given().get(first).then().statusCode(200);
        String second = feedPath(pair.mentor());
        given().get(first).then().statusCode(404).contentType(Fixtures.PROBLEM);
        given().get(second).then().statusCode(200);
        pair.mentor().api().delete("/v1/calendars/me/token").then().statusCode(204);
        given().get(second).then().statusCode(404).contentType(Fixtures.PROBLEM);
        given().get("/v1/calendars/not-a-token.ics").then().statusCode(404);
        given().post("/v1/calendars/me/token").then().statusCode(401);
        Fixtures.as(org.mentoring.platform.testing.TestTokens.bearer("nobody", "nobody@example.com", "employee"))
                .post("/v1/calendars/me/token").then().statusCode(404).contentType(Fixtures.PROBLEM);
    }

    @Test
    void aParticipantDownloadsOneSessionOthersCannot() throws Exception {
        Fixtures.Pair pair = Fixtures.pair(db);
        String id = schedule(pair.mentor(), pair.mentorshipId(), LocalDate.now().plusDays(6).atTime(11, 0));
        String ics = pair.mentee().api().get("/v1/sessions/" + id + ".ics").then().statusCode(200)
                .contentType(startsWith("text/calendar"))
                .header("Content-Disposition", containsString("session-" + id + ".ics"))
                .extract().asString();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertEquals(1, events.size());
        assertEquals(id + "@sessions.mentoring", value(events.get(0), Property.UID));
        assertTrue(value(events.get(0), Property.ORGANIZER).startsWith("mailto:" + pair.mentor().email()));
        assertEquals(id + "@sessions.mentoring", IcalJs.parse(ics).path("events").get(0).path("uid").asText());
        pair.programAdmin().api().get("/v1/sessions/" + id + ".ics").then().statusCode(404);
        Fixtures.Pair other = Fixtures.pair(db);
        other.mentee().api().get("/v1/sessions/" + id + ".ics").then().statusCode(404);
    }

    private static String value(VEvent e, String name) {
        return e.getProperty(name).map(Property::getValue).orElseThrow(() -> new AssertionError("no " + name));
    }

    private static String feedPath(Fixtures.Person person) {
        String url = person.api().post("/v1/calendars/me/token").then().statusCode(201)
                .body("url", containsString("/v1/calendars/")).extract().path("url");
        return url.substring(url.indexOf("/v1/calendars/"));
    }

    private static String schedule(Fixtures.Person as, java.util.UUID mentorshipId, LocalDateTime start) {
        return as.api().body(Fixtures.session(mentorshipId, start.toString(), 60, "Europe/Berlin"))
                .post("/v1/sessions").then().statusCode(201).extract().path("items[0].id");
    }
}
