package org.mentoring.feedback;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.MentoringTestResource;

/**
 * A programme with five pairs, built from events; its report is checked against figures computed here from the
 * test's own data, and a figure drawn from four answers must be suppressed while five show it.
 */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "feedback"))
class ProgramReportTest extends FeedbackTestBase {

    private static final int PAIRS = 5;
    private static final int[] RATINGS = {5, 4, 3, 4, 2};
    private static final int[] USEFULNESS = {4, 4, 5, 3, 3};

    @Test
    void fourAnswersAreSuppressedFiveAreShownAndEveryFigureMatchesAnIndependentComputation() {
        UUID admin = person("People", "Berlin", 7);
        UUID otherAdmin = person("People", "Berlin", 7);
        UUID programId = UUID.randomUUID();
        program(programId, "Report test " + programId, List.of(admin));

        OffsetDateTime now = now();
        List<UUID> mentors = new ArrayList<>();
        List<UUID> mentees = new ArrayList<>();
        List<UUID> mentorships = new ArrayList<>();
        List<OffsetDateTime> started = new ArrayList<>();
        List<List<OffsetDateTime>> sessions = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            UUID mentor = person("Engineering", "Berlin", 6);
            UUID mentee = person(i < 3 ? "Sales" : "Finance", "Lisbon", 2);
            enrol(programId, mentor, "mentor");
            enrol(programId, mentee, "mentee");
            OffsetDateTime start = now.minusDays(30 + i);
            UUID mentorship = mentorship(programId, mentor, mentee, start);
            mentors.add(mentor);
            mentees.add(mentee);
            mentorships.add(mentorship);
            started.add(start);
            List<OffsetDateTime> held = new ArrayList<>(List.of(start.plusDays(i + 1)));
            if (i == 0) {
                held.add(start.plusDays(8));
            }
            sessions.add(held);
            for (OffsetDateTime at : held) {
                completedSession(mentorship, programId, at, mentor, mentee);
            }
            goal(mentorship, programId, mentee, i < 3 ? "achieved" : "open");
        }
        OffsetDateTime endedAt = now();
        endMentorship(mentorships.get(4), programId, mentors.get(4), mentees.get(4), "ended", "ended_early",
                started.get(4), endedAt);
        Eventually.await(WAIT, () -> count("SELECT count(*) FROM feedback.enrolment WHERE program_id = ?", programId),
                n -> n == 2 * PAIRS, "the enrolments");

        List<UUID> requests = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            UUID mentorship = mentorships.get(i);
            UUID mentee = mentees.get(i);
            long expected = sessions.get(i).size();
            Eventually.await(WAIT, () -> count("SELECT count(*) FROM feedback.feedback_request WHERE profile_id = ? "
                    + "AND mentorship_id = ? AND kind = 'session'", mentee, mentorship), n -> n == expected,
                    "the session requests of mentee " + i);
            requests.add((UUID) first("SELECT id FROM feedback.feedback_request WHERE profile_id = ? AND "
                    + "mentorship_id = ? AND kind = 'session' ORDER BY created_at LIMIT 1", mentee, mentorship).orElseThrow());
        }
        for (int i = 0; i < 4; i++) {
            answer(mentees.get(i), requests.get(i), i);
        }

        JsonPath four = report(admin, programId);
        assertEquals(true, four.getBoolean("averageRatings.rating.suppressed"));
        assertNull((Object) four.get("averageRatings.rating.value"));
        assertNull((Object) four.get("averageRatings.rating.basis"));
        assertTrue(four.getInt("suppressedFigures") > 0);
        assertTrue(four.getString("note").contains("fewer than 5"));

        answer(mentees.get(4), requests.get(4), 4);
        JsonPath five = report(admin, programId);

        // Independent computation over this test's own data.
        double meanRating = Arrays.stream(RATINGS).average().orElseThrow();
        double meanUsefulness = Arrays.stream(USEFULNESS).average().orElseThrow();
        List<Double> daysToFirst = new ArrayList<>();
        double perMonthSum = 0;
        for (int i = 0; i < PAIRS; i++) {
            OffsetDateTime first = sessions.get(i).stream().min(OffsetDateTime::compareTo).orElseThrow();
            daysToFirst.add(Duration.between(started.get(i), first).toSeconds() / 86_400.0);
            OffsetDateTime until = i == 4 ? endedAt : now();
            double months = Math.max(1.0, Duration.between(started.get(i), until).toSeconds() / 86_400.0 / 30.436875);
            perMonthSum += sessions.get(i).size() / months;
        }
        daysToFirst.sort(Double::compareTo);

        assertFigure(five, "averageRatings.rating", meanRating, 5);
        assertFigure(five, "averageRatings.usefulness", meanUsefulness, 5);
        assertEquals(true, five.getBoolean("averageRatings.preparation.suppressed"), "no one answered preparation");
        assertFigure(five, "participation.enrolled", 2 * PAIRS, 2 * PAIRS);
        assertFigure(five, "participation.matched", 2 * PAIRS, 2 * PAIRS);
        assertFigure(five, "participation.active", 2 * (PAIRS - 1), 2 * (PAIRS - 1));
        assertEquals(true, five.getBoolean("participation.completed.suppressed"), "no one completed");
        assertFigure(five, "medianDaysFromMatchToFirstSession", daysToFirst.get(2), PAIRS);
        assertFigure(five, "sessionsPerPairPerMonth", perMonthSum / PAIRS, PAIRS);
        assertFigure(five, "goalCompletionRate", 100.0 * 3 / PAIRS, PAIRS);
        assertFigure(five, "participantsStillActiveAtEndPercent", 100.0 * 8 / 10, 10);
        assertEquals(true, five.getBoolean("netPromoterScore.suppressed"), "no end survey was answered");

        // Breakdowns: 5 engineers (no answers), 3 in Sales and 2 in Finance (too few), level 2 gave all 5 answers.
        assertFigure(five, "byDepartment.find { it.group == 'Engineering' }.participants", 5, 5);
        assertEquals(true, five.getBoolean("byDepartment.find { it.group == 'Sales' }.participants.suppressed"));
        assertEquals(true, five.getBoolean("byDepartment.find { it.group == 'Finance' }.averageRating.suppressed"));
        assertFigure(five, "byLevel.find { it.group == '2' }.averageRating", meanRating, 5);
        assertFigure(five, "byLocation.find { it.group == 'Lisbon' }.answers", 5, 5);
        assertFigure(five, "byLocation.find { it.group == 'Berlin' }.participants", 5, 5);

        // CSV, by Accept header and by query parameter.
        String csv = as(admin, "employee", "program-admin").accept("text/csv")
                .get("/v1/reports/programs/" + programId)
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertTrue(csv.startsWith("figure,group,value,basis,suppressed,reason\r\n"), csv);
        assertTrue(csv.contains("averageRatings.rating,," + String.format(java.util.Locale.ROOT, "%.2f", meanRating)
                + ",5,false,\r\n"), csv);
        assertTrue(csv.contains("participation.completed,,,,true,drawn from fewer than 5 answers or people\r\n"), csv);
        as(admin, "employee", "program-admin").get("/v1/reports/programs/" + programId + "?format=csv")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .body(containsString("byDepartment.participants,Engineering,5,5,false,"));

        // Who may see it: the programme's admin and HR; not another programme admin, not an employee.
        asStranger("employee", "hr-admin").get("/v1/reports/programs/" + programId).then().statusCode(200)
                .body("programId", equalTo(programId.toString()));
        as(otherAdmin, "employee", "program-admin").get("/v1/reports/programs/" + programId)
                .then().statusCode(404).contentType(PROBLEM);
        as(mentees.get(0)).get("/v1/reports/programs/" + programId).then().statusCode(403).contentType(PROBLEM);
        as(admin, "employee", "program-admin").get("/v1/reports/programs/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
        as(admin, "employee", "program-admin").get("/v1/reports/programs/" + programId + "?format=xml")
                .then().statusCode(400).contentType(PROBLEM);

        // The mentor's own report: one answer about them is too few to show.
        as(mentors.get(0)).get("/v1/reports/me").then().statusCode(200)
                .body("mentorshipsAsMentor", equalTo(1)).body("sessionsHeld", equalTo(2))
                .body("ratingsAboutYou.rating.suppressed", equalTo(true))
                .body("ratingsAboutYou.rating.value", nullValue())
                .body("suppressedFigures", greaterThan(0));
        as(mentors.get(0)).accept("text/csv").get("/v1/reports/me").then().statusCode(200)
                .contentType(startsWith("text/csv")).body(containsString("sessionsHeld,,2,,false,"));
        asStranger("employee").get("/v1/reports/me").then().statusCode(404).contentType(PROBLEM);
    }

    private void answer(UUID mentee, UUID request, int i) {
        as(mentee).contentType("application/json")
                .body(Map.of("rating", RATINGS[i], "usefulness", USEFULNESS[i], "comment", "Answer " + i))
                .post("/v1/feedback/requests/" + request + "/answer").then().statusCode(201);
    }

    private static JsonPath report(UUID admin, UUID programId) {
        return as(admin, "employee", "program-admin").get("/v1/reports/programs/" + programId)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    private static void assertFigure(JsonPath report, String path, double expected, int basis) {
        assertEquals(false, report.getBoolean(path + ".suppressed"), path + " is shown");
        assertEquals(expected, report.getDouble(path + ".value"), 0.005, path);
        assertEquals(basis, report.getInt(path + ".basis"), path + " basis");
    }
}
