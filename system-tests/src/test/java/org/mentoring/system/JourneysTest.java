package org.mentoring.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mentoring.system.Journeys.Hris;
import org.mentoring.system.Journeys.Person;

/**
 * The product end to end, as its users meet it: an HRIS feeding people in, an employee finding a mentor, meeting,
 * giving feedback and thanks, and the HRIS and HR taking people out again. All four services, the broker and the
 * database run as real processes; the test speaks HTTP to the services only, and reads the databases only to
 * prove what is (and is not) stored.
 */
class JourneysTest extends AgainstTheSystem {

    @Test
    void anHrisCreates500EmployeesByWebhookAndImportAndTheyAppearInRecommendations() throws SQLException {
        Hris hris = journeys.integration("journey-1");
        List<Person> people = new ArrayList<>();
        List<Person> mentors = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Person p = Journeys.person("wh", i);
            people.add(p);
            Response r = journeys.hrisEvent(hris, "employee.created",
                    Journeys.employee(p, "Engineering", "Berlin", "Europe/Berlin", i < 10 ? 8 : 2 + i % 5, null));
            assertEquals(200, r.statusCode(), r.asString());
            if (i < 10) {
                mentors.add(p);
            }
        }
        StringBuilder csv = new StringBuilder("externalId,email,displayName,jobTitle,department,location,timeZone,"
                + "languages,level,gradeLabel,managerExternalId,hireDate,status\n");
        for (int i = 0; i < 400; i++) {
            Person p = Journeys.person("imp", i);
            people.add(p);
            csv.append(String.join(",", p.externalId(), p.email(), p.name(), "Analyst", i % 2 == 0 ? "Data" : "Sales",
                    "London", "Europe/London", "en", String.valueOf(1 + i % 4), "L" + (1 + i % 4),
                    i < 200 ? mentors.get(i % 10).externalId() : "", "2024-01-15", "active")).append('\n');
        }
        journeys.importCsv(hris, csv.toString());

        List<String> externalIds = people.stream().map(Person::externalId).toList();
        Until.passes(Journeys.PROPAGATION, () -> assertEquals(500, candidatesOf(externalIds),
                "all 500 employees reached matching's candidates"));

        for (Person mentor : mentors) {
            journeys.preferences(mentor, Map.of("openToRoles", List.of("mentor"), "capacity", 3,
                    "openToRequests", true, "skills", List.of(Map.of("skill", "Kubernetes", "proficiency", 5))));
        }
        Person mentee = people.get(450);
        journeys.preferences(mentee, Map.of("openToRoles", List.of("mentee"),
                "goals", List.of(Map.of("skill", "Kubernetes", "targetLevel", 4, "priority", 1))));
        List<String> mentorIds = mentors.stream().map(journeys::profileId).toList();
        Until.passes(Journeys.PROPAGATION, () -> {
            Response r = api.at("matching", mentee.token()).get("/v1/recommendations?kind=mentor&limit=10");
            assertEquals(200, r.statusCode(), r.asString());
            List<String> recommended = r.jsonPath().getList("items.profileId");
            assertEquals(10, recommended.stream().filter(mentorIds::contains).count(),
                    "the ten imported Kubernetes mentors are recommended: " + recommended);
            assertTrue(r.jsonPath().getString("items[0].reasons").contains("Kubernetes"), r.asString());
        });
    }

    @Test
    void anEmployeeFindsAMentorIsAcceptedMeetsGivesFeedbackAndSaysThanks() {
        Person mentor = hired("mentor", 7);
        Person mentee = hired("mentee", 3);
        journeys.preferences(mentor, Map.of("openToRoles", List.of("mentor"), "capacity", 2, "openToRequests", true,
                "skills", List.of(Map.of("skill", "Negotiation", "proficiency", 5))));
        journeys.preferences(mentee, Map.of("openToRoles", List.of("mentee"),
                "goals", List.of(Map.of("skill", "Negotiation", "targetLevel", 4, "priority", 1))));
        String mentorId = journeys.profileId(mentor);

        Until.passes(Journeys.PROPAGATION, () -> {
            Response r = api.at("matching", mentee.token()).get("/v1/recommendations?kind=mentor&limit=50");
            assertTrue(r.jsonPath().getList("items.profileId").contains(mentorId), r.asString());
        });
        Response requested = api.at("matching", mentee.token()).contentType("application/json")
                .body(Map.of("mentorId", mentorId, "kind", "classic", "goalSkills", List.of("Negotiation"),
                        "message", "I have my first big contract negotiation next month; could you help me prepare?"))
                .post("/v1/mentorships");
        assertEquals(201, requested.statusCode(), requested.asString());
        String mentorshipId = requested.path("id");
        Response accepted = api.at("matching", mentor.token()).contentType("application/json").post("/v1/mentorships/" + mentorshipId + "/accept");
        assertEquals(200, accepted.statusCode(), accepted.asString());
        assertEquals("active", accepted.path("status"));

        String sessionId = heldSession(mentee, mentorshipId, 3);
        for (Person participant : List.of(mentee, mentor)) {
            String requestId = feedbackRequestFor(participant, sessionId);
            Response answered = api.at("feedback", participant.token()).contentType("application/json")
                    .body(Map.of("rating", 5, "usefulness", 5, "preparation", 4, "learnedSomething", 5,
                            "comment", "We rehearsed the opening twice; it made all the difference.",
                            "shareCommentWithOther", true))
                    .post("/v1/feedback/requests/" + requestId + "/answer");
            assertEquals(201, answered.statusCode(), answered.asString());
        }
        Response thanks = api.at("feedback", mentee.token()).contentType("application/json")
                .body(Map.of("toProfileId", mentorId, "message", "Thank you for the rehearsal, the deal is signed!",
                        "skills", List.of("Negotiation"), "mentorshipId", mentorshipId))
                .post("/v1/kudos");
        assertEquals(201, thanks.statusCode(), thanks.asString());
        Until.passes(Journeys.PROPAGATION, () -> {
            Response recognition = api.at("feedback", mentee.token()).get("/v1/recognition/" + mentorId);
            assertEquals(200, recognition.statusCode(), recognition.asString());
            assertEquals(1, recognition.jsonPath().getInt("kudosReceived"), recognition.asString());
            assertEquals(1, recognition.jsonPath().getInt("sessionsGiven"), recognition.asString());
            assertEquals(1, recognition.jsonPath().getInt("menteesHelped"), recognition.asString());
        });
    }

    @Test
    void theHrisTerminatesAnEmployeeAndHrErasesAnotherLeavingNoPersonalDataBehind() throws SQLException {
        Hris hris = journeys.integration("journey-4");
        Person mentor = Journeys.person("leaver", 0);
        Person mentee = Journeys.person("erased", 0);
        assertEquals(200, journeys.hrisEvent(hris, "employee.created",
                Journeys.employee(mentor, "Finance", "Lisbon", "Europe/Lisbon", 7, null)).statusCode());
        assertEquals(200, journeys.hrisEvent(hris, "employee.created",
                Journeys.employee(mentee, "Sales", "Lisbon", "Europe/Lisbon", 2, null)).statusCode());
        Until.passes(Journeys.PROPAGATION, () -> journeys.profileId(mentee));
        journeys.preferences(mentor, Map.of("openToRoles", List.of("mentor"), "capacity", 1, "openToRequests", true,
                "skills", List.of(Map.of("skill", "Financial modelling", "proficiency", 5))));
        journeys.preferences(mentee, Map.of("openToRoles", List.of("mentee"), "bio", "Sales lead, learning finance.",
                "goals", List.of(Map.of("skill", "Financial modelling", "targetLevel", 3, "priority", 1))));
        String mentorId = journeys.profileId(mentor);
        String menteeId = journeys.profileId(mentee);

        Response requested = journeys.eventually(201, () -> api.at("matching", mentee.token())
                .contentType("application/json")
                .body(Map.of("mentorId", mentorId, "message", "Could you teach me to read a P&L? — " + mentee.name()))
                .post("/v1/mentorships"));
        String mentorshipId = requested.path("id");
        assertEquals(200, api.at("matching", mentor.token()).contentType("application/json").post("/v1/mentorships/" + mentorshipId + "/accept")
                .statusCode());
        String heldId = heldSession(mentee, mentorshipId, 9);
        feedbackRequestFor(mentor, heldId);
        Map<String, Object> future = session(mentorshipId, LocalDate.now().plusDays(5).atTime(11, 0).toString());
        future.put("agenda", "Bring the Q3 numbers, " + mentee.name());
        Response upcoming = api.at("session", mentee.token()).contentType("application/json").body(future)
                .post("/v1/sessions");
        assertEquals(201, upcoming.statusCode(), upcoming.asString());
        String upcomingId = upcoming.path("items[0].id");
        Response goal = api.at("session", mentee.token()).contentType("application/json")
                .body(Map.of("mentorshipId", mentorshipId, "title", "Read a P&L on my own, " + mentee.name(),
                        "skills", List.of("Financial modelling")))
                .post("/v1/goals");
        assertEquals(201, goal.statusCode(), goal.asString());
        Response kudos = api.at("feedback", mentee.token()).contentType("application/json")
                .body(Map.of("toProfileId", mentorId, "message", "Thanks from " + mentee.name())).post("/v1/kudos");
        assertEquals(201, kudos.statusCode(), kudos.asString());

        // The HRIS says the mentor left.
        Response terminated = journeys.hrisEvent(hris, "employee.terminated", Map.of("externalId", mentor.externalId()));
        assertEquals(200, terminated.statusCode(), terminated.asString());
        Until.passes(Journeys.PROPAGATION, () -> {
            Response m = api.at("matching", mentee.token()).get("/v1/mentorships/" + mentorshipId);
            assertEquals("ended", m.path("status"), m.asString());
            assertEquals("participant_deactivated", m.path("endReason"), m.asString());
            Response s = api.at("session", mentee.token()).get("/v1/sessions/" + upcomingId);
            assertEquals("cancelled", s.path("status"), s.asString());
            assertEquals(0, count("SELECT count(*) FROM feedback.feedback_request WHERE profile_id = ?::uuid"
                    + " AND status = 'open'", mentorId), "the leaver's open feedback requests are closed");
        });

        // HR erases the mentee: afterwards no schema holds anything that identifies them.
        Response erased = api.at("profile", Api.HR).contentType("application/json").post("/v1/profiles/" + menteeId + "/erasure");
        assertEquals(204, erased.statusCode(), erased.asString());
        List<String> traces = List.of(mentee.email(), mentee.name(), mentee.externalId());
        Until.passes(Journeys.PROPAGATION, () -> assertEquals(Map.of(), rowsMentioning(traces),
                "rows that still hold the erased person's data"));
    }

    private Person hired(String role, int level) {
        Person p = Journeys.person(role, level);
        Map<String, Object> fields = new LinkedHashMap<>(Journeys.employee(p, "Operations", "London", "Europe/London",
                level, null));
        fields.remove("managerExternalId");
        Response created = api.at("profile", Api.HR).contentType("application/json").body(fields).post("/v1/profiles");
        assertEquals(201, created.statusCode(), created.asString());
        return p;
    }

    private static Map<String, Object> session(String mentorshipId, String start) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mentorshipId", mentorshipId);
        body.put("start", start);
        body.put("durationMinutes", 45);
        body.put("timeZone", "Europe/London");
        body.put("meetingLink", "https://meet.example.com/journey");
        return body;
    }

    /** A session logged a few days back and marked held, once session-service knows the mentorship. */
    private String heldSession(Person mentee, String mentorshipId, int hour) {
        Map<String, Object> body = session(mentorshipId, LocalDate.now().minusDays(3).atTime(hour, 0).toString());
        Response scheduled = journeys.eventually(201, () -> api.at("session", mentee.token())
                .contentType("application/json").body(body).post("/v1/sessions"));
        String id = scheduled.path("items[0].id");
        // No body, and the HTTP client's default form content type, as many frontend libraries send: an action
        // without a body must not care (it answered 415 once).
        Response held = api.at("session", mentee.token()).post("/v1/sessions/" + id + "/held");
        assertEquals(200, held.statusCode(), held.asString());
        return id;
    }

    private String feedbackRequestFor(Person person, String sessionId) {
        String[] id = new String[1];
        Until.passes(Journeys.PROPAGATION, () -> {
            Response open = api.at("feedback", person.token()).get("/v1/feedback/requests?limit=100");
            assertEquals(200, open.statusCode(), open.asString());
            List<Map<String, Object>> items = open.jsonPath().getList("items");
            id[0] = items.stream().filter(r -> sessionId.equals(r.get("sessionId"))).map(r -> (String) r.get("id"))
                    .findFirst().orElse(null);
            assertFalse(id[0] == null, "a feedback request about session " + sessionId + " for " + person.email());
        });
        return id[0];
    }

    private static int candidatesOf(List<String> externalIds) throws SQLException {
        try (Connection c = system.database().adminConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM matching.candidate k JOIN profile.profile p ON p.id = k.profile_id"
                        + " WHERE p.external_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", externalIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int count(String sql, String parameter) throws SQLException {
        try (Connection c = system.database().adminConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Every table of the four services' schemas whose rows, as text, contain any of the traces; table -> rows. */
    static Map<String, Integer> rowsMentioning(List<String> traces) throws SQLException {
        Map<String, Integer> found = new LinkedHashMap<>();
        try (Connection c = system.database().adminConnection()) {
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                            + " AND table_schema IN ('profile', 'matching', 'session', 'feedback')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                StringBuilder sql = new StringBuilder("SELECT count(*) FROM " + table + " t WHERE false");
                for (int i = 0; i < traces.size(); i++) {
                    sql.append(" OR strpos(lower(t::text), lower(?)) > 0");
                }
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    for (int i = 0; i < traces.size(); i++) {
                        ps.setString(i + 1, traces.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) > 0) {
                            found.put(table, rs.getInt(1));
                        }
                    }
                }
            }
        }
        return found;
    }
}
