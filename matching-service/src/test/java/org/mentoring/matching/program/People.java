package org.mentoring.matching.program;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.restassured.specification.RequestSpecification;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mentoring.platform.events.EventEnvelope;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.TestTokens;

/**
 * People for programme tests: profiles published to the real broker as profile-service would publish them (checked
 * against the catalogue), awaited in matching's candidate read model, and bearer tokens that link to them by email.
 */
final class People implements AutoCloseable {

    static final String PROBLEM = "application/problem+json";

    private final KafkaProducer<String, byte[]> producer;
    private final DataSource dataSource;

    People(Map<String, Object> kafkaConfig, DataSource dataSource) {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.dataSource = dataSource;
    }

    /** A person as the profile event describes them. */
    record Person(UUID id, String email, String department, String location, int level, List<String> languages,
            Map<String, Integer> skills, List<UUID> managementChain) {

        String token(String... roles) {
            return TestTokens.bearer("sub-" + id, email, roles);
        }

        RequestSpecification as(String... roles) {
            return given().header("Authorization", token(roles));
        }

        RequestSpecification asEmployee() {
            return as("employee");
        }

        RequestSpecification asProgramAdmin() {
            return as("employee", "program-admin");
        }
    }

    Person person(String department, int level, Map<String, Integer> skills, UUID... chain) {
        UUID id = UUID.randomUUID();
        return new Person(id, "p-" + id + "@example.com", department, "Berlin", level, List.of("en"), skills,
                List.of(chain));
    }

    /** Publishes the people's profiles and waits until matching knows all of them. */
    void publish(Person... people) throws Exception {
        for (Person p : people) {
            String data = state(p);
            EventCatalogue.load().assertConforms("mentoring.profile.created.v1", data);
            var event = EventEnvelope.cloudEvent(UUID.randomUUID().toString(), "mentoring.profile.created.v1",
                    "/mentoring/profile-service", p.id().toString(), OffsetDateTime.now(ZoneOffset.UTC), data);
            producer.send(EventEnvelope.record("mentoring.profile.v1", p.id().toString(), event, Map.of())).get();
        }
        for (Person p : people) {
            Eventually.await(Duration.ofSeconds(60), () -> known(p.id()), Boolean::booleanValue,
                    "candidate " + p.id());
        }
    }

    /** Publishes the person's deactivation (terminated, version 2) and waits until matching holds it. */
    void deactivate(Person p) throws Exception {
        String data = state(p).replace("\"status\":\"active\"", "\"status\":\"terminated\"")
                .replace("\"version\":1", "\"version\":2");
        EventCatalogue.load().assertConforms("mentoring.profile.deactivated.v1", data);
        var event = EventEnvelope.cloudEvent(UUID.randomUUID().toString(), "mentoring.profile.deactivated.v1",
                "/mentoring/profile-service", p.id().toString(), OffsetDateTime.now(ZoneOffset.UTC), data);
        producer.send(EventEnvelope.record("mentoring.profile.v1", p.id().toString(), event, Map.of())).get();
        Eventually.await(Duration.ofSeconds(60), () -> status(p.id()), "terminated"::equals, "deactivation of " + p.id());
    }

    /** Publishes the person's erasure and waits until matching holds it. */
    void erase(Person p) throws Exception {
        String data = "{\"profileId\":\"" + p.id() + "\",\"version\":3}";
        EventCatalogue.load().assertConforms("mentoring.profile.erased.v1", data);
        var event = EventEnvelope.cloudEvent(UUID.randomUUID().toString(), "mentoring.profile.erased.v1",
                "/mentoring/profile-service", p.id().toString(), OffsetDateTime.now(ZoneOffset.UTC), data);
        producer.send(EventEnvelope.record("mentoring.profile.v1", p.id().toString(), event, Map.of())).get();
        Eventually.await(Duration.ofSeconds(60), () -> erasedWithoutGoals(p.id()), Boolean::booleanValue,
                "erasure of " + p.id());
    }

    /** Whether matching holds the person as erased, and their enrolments hold no goals. */
    private boolean erasedWithoutGoals(UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT (SELECT erased FROM matching.candidate WHERE profile_id = ?) AND NOT EXISTS (SELECT 1 FROM "
                        + "matching.enrolment WHERE profile_id = ? AND goals <> '[]'::jsonb)")) {
            ps.setObject(1, id);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String status(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status FROM matching.candidate WHERE profile_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean known(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM matching.candidate WHERE profile_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String state(Person p) {
        String skills = p.skills().entrySet().stream()
                .map(e -> "{\"skill\":\"" + e.getKey() + "\",\"proficiency\":" + e.getValue() + "}")
                .collect(Collectors.joining(",", "[", "]"));
        String chain = p.managementChain().stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(",", "[", "]"));
        String languages = p.languages().stream().map(l -> "\"" + l + "\"").collect(Collectors.joining(",", "[", "]"));
        String manager = p.managementChain().isEmpty() ? "null" : "\"" + p.managementChain().get(0) + "\"";
        return """
                {"profileId":"%s","externalId":"E-%s","displayName":"Person %s","email":"%s",
                 "jobTitle":"Engineer","department":"%s","location":"%s","timeZone":"Europe/Berlin",
                 "languages":%s,"level":%d,"gradeLabel":"L%d","managerId":%s,"managementChain":%s,
                 "status":"active","openToRoles":["mentor","mentee"],"skills":%s,"goals":[],"topics":[],
                 "capacity":2,"openToRequests":true,"availability":[],"formats":["video"],"version":1,"changedAt":"%s"}
                """.formatted(p.id(), p.id(), p.id(), p.email(), p.department(), p.location(), languages, p.level(),
                p.level(), manager, chain, skills, OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Override
    public void close() {
        producer.close();
    }
}
