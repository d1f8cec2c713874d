package org.mentoring.session;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.MentoringTestResource;

/** After mentoring.profile.erased.v1, no table of this schema holds anything of that person but their id. */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "session"))
class ErasureTest {

    @Inject
    DataSource db;

    @Test
    void erasureLeavesNoPersonalDataInAnyTable() throws Exception {
        Fixtures.Pair pair = Fixtures.pair(db);
        Fixtures.Person mentee = pair.mentee();
        String tag = mentee.id().toString().substring(0, 8);
        String upcoming = pair.mentor().api().body(Fixtures.session(pair.mentorshipId(),
                        LocalDate.now().plusDays(3).atTime(9, 0).toString(), 60, "Europe/Berlin"))
                .post("/v1/sessions").then().statusCode(201).extract().path("items[0].id");
        String past = pair.mentor().api().body(Fixtures.session(pair.mentorshipId(),
                        LocalDate.now().minusDays(3).atTime(9, 0).toString(), 60, "Europe/Berlin"))
                .post("/v1/sessions").then().statusCode(201).extract().path("items[0].id");
        mentee.api().post("/v1/sessions/" + past + "/held").then().statusCode(200);
        mentee.api().body("{\"text\":\"Menteenote-" + tag + " about my burnout\"}")
                .put("/v1/sessions/" + past + "/private-note").then().statusCode(200);
        mentee.api().body("{\"text\":\"Sharednote-" + tag + "\"}").put("/v1/sessions/" + past + "/notes")
                .then().statusCode(200);
        mentee.api().body("{\"agenda\":\"Agenda-" + tag + "\"}").put("/v1/sessions/" + upcoming + "/agenda")
                .then().statusCode(200);
        String dropped = mentee.api().body(Fixtures.session(pair.mentorshipId(),
                        LocalDate.now().plusDays(4).atTime(9, 0).toString(), 60, "Europe/Berlin"))
                .post("/v1/sessions").then().statusCode(201).extract().path("items[0].id");
        mentee.api().body("{\"reason\":\"Cancelnote-" + tag + "\"}").post("/v1/sessions/" + dropped + "/cancel")
                .then().statusCode(200);
        String goal = mentee.api().body("""
                        {"mentorshipId":"%s","title":"Goaltitle-%s","whyItMatters":"Goalwhy-%s","milestones":["Milestone-%s"]}
                        """.formatted(pair.mentorshipId(), tag, tag, tag))
                .post("/v1/goals").then().statusCode(201).extract().path("id");
        pair.mentor().api().body("{\"title\":\"Actionitem-" + tag + "\",\"ownerId\":\"" + mentee.id() + "\"}")
                .post("/v1/goals/" + goal + "/action-items").then().statusCode(201);
        mentee.api().post("/v1/calendars/me/token").then().statusCode(201);
        // A place and a personal meeting link name their owner; a dead letter of their profile event holds it all.
        UUID deadLetter = UUID.randomUUID();
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE session.session SET location = 'Room-" + tag + "', meeting_link = "
                    + "'https://meet.example.com/my/Link-" + tag + "' WHERE id = '" + past + "'");
            st.executeUpdate("INSERT INTO session.dead_letter (id, topic, kafka_partition, kafka_offset, record_key, "
                    + "headers, payload, reason, attempts) VALUES ('" + deadLetter + "', 'mentoring.profile.v1', 0, 0, '"
                    + mentee.id() + "', '{}', convert_to('{\"email\":\"" + mentee.email() + "\"}', 'UTF8'), 'x', 1)");
        }
        List<String> needles = List.of(mentee.name(), mentee.email(), "E-" + tag, "Menteenote-" + tag,
                "Sharednote-" + tag, "Agenda-" + tag, "Goaltitle-" + tag, "Goalwhy-" + tag, "Milestone-" + tag,
                "Actionitem-" + tag, "Cancelnote-" + tag, "Room-" + tag, "Link-" + tag);
        assertTrue(rowsMentioning(needles).size() > 5, "the fixture wrote the person's data: " + rowsMentioning(needles));
        assertEquals(1, Fixtures.count(db, "SELECT count(*) FROM session.calendar_feed WHERE profile_id = '"
                + mentee.id() + "'"));

        Broker.publish("mentoring.profile.erased.v1", mentee.id(),
                "{\"profileId\":\"" + mentee.id() + "\",\"version\":2}", Fixtures.PROFILE_SOURCE);
        Eventually.await(Duration.ofSeconds(60), () -> Fixtures.count(db, "SELECT count(*) FROM session.person"
                + " WHERE erased AND profile_id = '" + mentee.id() + "'"), n -> n == 1, "erasure applied");

        assertEquals(List.of(), rowsMentioning(needles));
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM session.dead_letter WHERE id = '" + deadLetter + "'"));
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM session.calendar_feed WHERE profile_id = '"
                + mentee.id() + "'"));
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM session.private_note WHERE author_id = '"
                + mentee.id() + "'"));
        pair.mentor().api().get("/v1/sessions/" + upcoming).then().statusCode(200)
                .body("status", equalTo("cancelled")).body("cancelReason", equalTo("participant_left"))
                .body("agenda", nullValue());
        pair.mentor().api().get("/v1/sessions/" + past).then().statusCode(200)
                .body("status", equalTo("held")).body("sharedNotes", nullValue());

        // A late update from before the erasure never brings the person back.
        String late = Broker.publish("mentoring.profile.updated.v1", mentee.id(), Fixtures.profile(mentee.id(), 3,
                mentee.name(), mentee.email(), "Europe/Berlin", "active"), Fixtures.PROFILE_SOURCE);
        Eventually.await(Duration.ofSeconds(60), () -> Fixtures.count(db, "SELECT count(*) FROM session.inbox"
                + " WHERE event_id = '" + late + "'"), n -> n == 1, "the late update consumed");
        assertEquals(List.of(), rowsMentioning(needles));
    }

    /** Every row of every table of the schema whose JSON form contains one of the needles, as table: row. */
    private List<String> rowsMentioning(List<String> needles) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'session' AND table_type = 'BASE TABLE'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.containsAll(List.of("person", "mentorship", "session", "private_note", "goal",
                    "milestone", "action_item", "goal_review", "calendar_feed", "outbox", "inbox")), tables.toString());
            for (String table : tables) {
                for (String needle : needles) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT row_to_json(t)::text FROM session.\""
                            + table + "\" t WHERE strpos(lower(row_to_json(t)::text), lower(?)) > 0")) {
                        ps.setString(1, needle);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                found.add(table + ": " + rs.getString(1));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
