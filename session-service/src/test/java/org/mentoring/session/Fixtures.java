package org.mentoring.session;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.restassured.specification.RequestSpecification;
import javax.sql.DataSource;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.TestTokens;

/**
 * People, programmes and mentorships for the tests, made the way production makes them: profile, programme and
 * mentorship events on the broker, applied by session-service's own consumer. Every fixture is new, so runs never
 * collide.
 */
final class Fixtures {

    static final String PROBLEM = "application/problem+json";
    static final String PROFILE_SOURCE = "/mentoring/profile-service";
    static final String MATCHING_SOURCE = "/mentoring/matching-service";

    private Fixtures() {
    }

    record Person(UUID id, String name, String email, String bearer) {
        RequestSpecification api() {
            return given().header("Authorization", bearer).contentType("application/json");
        }
    }

    record Pair(UUID mentorshipId, UUID programId, Person mentor, Person mentee, Person programAdmin) {
    }

    static Person person(String role) {
        return person(role, "Europe/Berlin");
    }

    static Person person(String role, String timeZone) {
        UUID id = UUID.randomUUID();
        String tag = id.toString().substring(0, 8);
        String name = "Test " + role + " " + tag;
        String email = role + "-" + tag + "@example.com";
        Broker.publish("mentoring.profile.created.v1", id, profile(id, 1, name, email, timeZone, "active"),
                PROFILE_SOURCE);
        String[] roles = "admin".equals(role) ? new String[] {"employee", "program-admin"} : new String[] {"employee"};
        return new Person(id, name, email, TestTokens.bearer("sub-" + tag, email, roles));
    }

    static String profile(UUID id, long version, String name, String email, String timeZone, String status) {
        return """
                {"profileId":"%s","externalId":"E-%s","displayName":"%s","email":"%s","timeZone":"%s",
                 "languages":["en"],"status":"%s","version":%d,"changedAt":"%s"}
                """.formatted(id, id.toString().substring(0, 8), name, email, timeZone, status, version, now());
    }

    static String mentorship(UUID id, UUID programId, UUID mentor, UUID mentee, String status, long version) {
        String endReason = "ended".equals(status) ? "\"ended_early\"" : "null";
        return """
                {"mentorshipId":"%s","kind":"classic","origin":"%s","programId":%s,"mentorId":"%s","menteeId":"%s",
                 "participants":[{"profileId":"%s","role":"mentor"},{"profileId":"%s","role":"mentee"}],
                 "status":"%s","endReason":%s,"goalSkills":["Kotlin"],"version":%d,"changedAt":"%s"}
                """.formatted(id, programId == null ? "informal" : "program",
                programId == null ? "null" : "\"" + programId + "\"", mentor, mentee, mentor, mentee, status,
                endReason, version, now());
    }

    /** A running mentorship in a programme with its own programme admin; waits until session-service applied it. */
    static Pair pair(DataSource db) {
        Person mentor = person("mentor");
        Person mentee = person("mentee");
        Person admin = person("admin");
        UUID programId = UUID.randomUUID();
        Broker.publish("mentoring.program.updated.v1", programId, """
                {"programId":"%s","name":"Programme %s","kind":"one_to_one","status":"running",
                 "adminIds":["%s"],"version":1,"changedAt":"%s"}
                """.formatted(programId, programId, admin.id(), now()), MATCHING_SOURCE);
        UUID mentorshipId = UUID.randomUUID();
        Broker.publish("mentoring.mentorship.started.v1", mentorshipId,
                mentorship(mentorshipId, programId, mentor.id(), mentee.id(), "active", 1), MATCHING_SOURCE);
        awaitApplied(db, mentorshipId, mentor, mentee, admin);
        return new Pair(mentorshipId, programId, mentor, mentee, admin);
    }

    static void awaitApplied(DataSource db, UUID mentorshipId, Person... people) {
        Eventually.await(Duration.ofSeconds(60), () -> count(db, "SELECT count(*) FROM session.mentorship"
                + " WHERE mentorship_id = '" + mentorshipId + "'"), n -> n == 1, "mentorship " + mentorshipId);
        for (Person p : people) {
            Eventually.await(Duration.ofSeconds(60), () -> count(db, "SELECT count(*) FROM session.person"
                    + " WHERE profile_id = '" + p.id() + "'"), n -> n == 1, "person " + p.id());
        }
    }

    static void awaitMentorshipVersion(DataSource db, UUID mentorshipId, long version) {
        Eventually.await(Duration.ofSeconds(60), () -> count(db, "SELECT version FROM session.mentorship"
                + " WHERE mentorship_id = '" + mentorshipId + "'"), v -> v >= version, "mentorship version " + version);
    }

    static long count(DataSource db, String sql) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hrAdmin() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return TestTokens.bearer("hr-" + tag, "hr-" + tag + "@example.com", "employee", "hr-admin");
    }

    static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType("application/json");
    }

    static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }

    /** A session body for the pair's mentorship. */
    static String session(UUID mentorshipId, String start, int minutes, String timeZone) {
        return """
                {"mentorshipId":"%s","start":"%s","durationMinutes":%d,"timeZone":"%s",
                 "location":"Room 4.12","meetingLink":"https://meet.example.com/abc","agenda":"Career plan"}
                """.formatted(mentorshipId, start, minutes, timeZone);
    }
}
