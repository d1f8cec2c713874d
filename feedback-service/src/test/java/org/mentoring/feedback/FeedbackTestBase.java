package org.mentoring.feedback;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mentoring.platform.events.EventEnvelope;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.TestKafka;
import org.mentoring.platform.testing.TestTokens;

/**
 * What the feedback tests share: other services' events published to the real test broker exactly as the catalogue
 * describes them (validated before sending, CloudEvents binary mode like the outbox relay), callers with tokens
 * linked to those people, and reads of this service's schema. Every test works on fresh ids.
 */
abstract class FeedbackTestBase {

    static final String PROBLEM = "application/problem+json";
    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Map<String, String> SOURCES = Map.of("profile", "/mentoring/profile-service",
            "mentorship", "/mentoring/matching-service", "program", "/mentoring/matching-service",
            "session", "/mentoring/session-service", "goal", "/mentoring/session-service");
    private static KafkaProducer<String, byte[]> producer;
    private static final Map<UUID, Long> VERSIONS = new ConcurrentHashMap<>();

    @Inject
    protected DataSource dataSource;

    // ---- callers

    static String email(UUID person) {
        return "p-" + person + "@example.com";
    }

    static String bearer(UUID person, String... roles) {
        return TestTokens.bearer("sub-" + person, email(person), roles.length == 0 ? new String[] {"employee"} : roles);
    }

    static RequestSpecification as(UUID person, String... roles) {
        return given().header("Authorization", bearer(person, roles));
    }

    static RequestSpecification asStranger(String... roles) {
        return given().header("Authorization", TestTokens.bearer("nobody-" + UUID.randomUUID(),
                "nobody-" + UUID.randomUUID() + "@example.com", roles));
    }

    // ---- other services' facts, through the broker

    UUID person(String department, String location, int level) {
        UUID id = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("profileId", id);
        data.put("externalId", "E-" + id);
        data.put("displayName", "Person " + id.toString().substring(0, 8));
        data.put("email", email(id));
        data.put("department", department);
        data.put("location", location);
        data.put("level", level);
        data.put("status", "active");
        data.put("version", 1);
        data.put("changedAt", now());
        publish("mentoring.profile.created.v1", id, data);
        Eventually.await(WAIT, () -> count("SELECT count(*) FROM feedback.person WHERE profile_id = ?", id),
                n -> n == 1, "person " + id + " in the read model");
        return id;
    }

    void deactivate(UUID person) {
        profileChange("mentoring.profile.deactivated.v1", person, "terminated", 2);
    }

    /** Publishes a change of the person's profile: its status at the given version. */
    void profileChange(String type, UUID person, String status, long version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("profileId", person);
        data.put("email", email(person));
        data.put("status", status);
        data.put("version", version);
        data.put("changedAt", now());
        publish(type, person, data);
    }

    void erase(UUID person) {
        publish("mentoring.profile.erased.v1", person, Map.of("profileId", person, "version", 3));
        Eventually.await(WAIT, () -> count("SELECT count(*) FROM feedback.person WHERE profile_id = ? AND erased",
                person), n -> n == 1, "erasure of " + person);
    }

    void program(UUID programId, String name, List<UUID> admins) {
        long version = VERSIONS.merge(programId, 1L, Long::sum);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("programId", programId);
        data.put("name", name);
        data.put("kind", "one_to_one");
        data.put("status", "running");
        data.put("adminIds", admins);
        data.put("version", version);
        data.put("changedAt", now());
        publish("mentoring.program.updated.v1", programId, data);
        Eventually.await(WAIT, () -> count("SELECT count(*) FROM feedback.program WHERE program_id = ? AND version = ?",
                programId, version), n -> n == 1, "programme " + programId);
    }

    void enrol(UUID programId, UUID person, String role) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("programId", programId);
        data.put("enrolmentId", UUID.randomUUID());
        data.put("profileId", person);
        data.put("role", role);
        data.put("changedAt", now());
        publish("mentoring.program.enrolled.v1", programId, data);
    }

    /** A started mentorship; waits until this service knows it. */
    UUID mentorship(UUID programId, UUID mentor, UUID mentee, OffsetDateTime startedAt) {
        UUID id = UUID.randomUUID();
        mentorshipEvent("mentoring.mentorship.started.v1", id, programId, mentor, mentee, "active", null, startedAt, null);
        return id;
    }

    void endMentorship(UUID id, UUID programId, UUID mentor, UUID mentee, String status, String reason,
                       OffsetDateTime startedAt, OffsetDateTime endedAt) {
        mentorshipEvent("mentoring.mentorship.ended.v1", id, programId, mentor, mentee, status, reason, startedAt, endedAt);
    }

    private void mentorshipEvent(String type, UUID id, UUID programId, UUID mentor, UUID mentee, String status,
                                 String reason, OffsetDateTime startedAt, OffsetDateTime endedAt) {
        long version = VERSIONS.merge(id, 1L, Long::sum);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("mentorshipId", id);
        data.put("kind", "classic");
        data.put("origin", programId == null ? "informal" : "program");
        data.put("programId", programId);
        data.put("mentorId", mentor);
        data.put("menteeId", mentee);
        data.put("participants", List.of(Map.of("profileId", mentor, "role", "mentor"),
                Map.of("profileId", mentee, "role", "mentee")));
        data.put("status", status);
        data.put("endReason", reason);
        data.put("startedAt", startedAt);
        data.put("endedAt", endedAt);
        data.put("version", version);
        data.put("changedAt", now());
        publish(type, id, data);
        Eventually.await(WAIT, () -> count("SELECT count(*) FROM feedback.mentorship WHERE mentorship_id = ? "
                + "AND version = ?", id, version), n -> n == 1, "mentorship " + id + " at version " + version);
    }

    /** A session that was held; returns its id. */
    UUID completedSession(UUID mentorshipId, UUID programId, OffsetDateTime startsAt, UUID... participants) {
        UUID id = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", id);
        data.put("mentorshipId", mentorshipId);
        data.put("programId", programId);
        data.put("participantIds", List.of(participants));
        data.put("organizerId", participants[0]);
        data.put("status", "held");
        data.put("startsAt", startsAt);
        data.put("durationMinutes", 45);
        data.put("timeZone", "Europe/Berlin");
        data.put("version", 3);
        data.put("changedAt", now());
        publish("mentoring.session.completed.v1", id, data);
        return id;
    }

    void goal(UUID mentorshipId, UUID programId, UUID owner, String status) {
        UUID id = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("goalId", id);
        data.put("mentorshipId", mentorshipId);
        data.put("programId", programId);
        data.put("ownerId", owner);
        data.put("skills", List.of("Kotlin"));
        data.put("status", status);
        data.put("progress", "achieved".equals(status) ? 100 : 40);
        data.put("version", 1);
        data.put("changedAt", now());
        publish("achieved".equals(status) ? "mentoring.goal.completed.v1" : "mentoring.goal.created.v1", id, data);
        Eventually.await(WAIT, () -> count("SELECT count(*) FROM feedback.goal WHERE goal_id = ?", id), n -> n == 1,
                "goal " + id);
    }

    static String publish(String type, UUID key, Object data) {
        try {
            String json = JSON.writeValueAsString(data);
            EventCatalogue catalogue = EventCatalogue.load();
            catalogue.assertConforms(type, json);
            String topic = catalogue.topicOf(type);
            String eventId = UUID.randomUUID().toString();
            String aggregate = type.split("\\.")[1];
            var event = EventEnvelope.cloudEvent(eventId, type, SOURCES.get(aggregate), key.toString(), now(), json);
            producer().send(EventEnvelope.record(topic, key.toString(), event, Map.of())).get();
            return eventId;
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- this service's schema

    /** The id of the open request of the given kind for the person, once it exists. */
    UUID awaitRequest(UUID person, String kind, String column, UUID about) {
        return Eventually.await(WAIT, () -> first("SELECT id FROM feedback.feedback_request WHERE profile_id = ? "
                        + "AND kind = ? AND " + column + " = ?", person, kind, about), Optional::isPresent,
                kind + " request for " + person).map(o -> (UUID) o).orElseThrow();
    }

    long count(String sql, Object... params) {
        return first(sql, params).map(o -> ((Number) o).longValue()).orElse(0L);
    }

    Optional<Object> first(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0).values().iterator().next());
    }

    List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> answer(int rating) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rating", rating);
        return body;
    }
}
