package org.mentoring.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.events.EventEnvelope;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.MentoringTestResource;

/**
 * Matching's candidate read model, fed through the real broker with profile events shaped as the catalogue says
 * profile-service publishes them.
 */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "matching"))
class CandidateReadModelTest {

    private static final String TOPIC = "mentoring.profile.v1";
    private static KafkaProducer<String, byte[]> producer;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @BeforeAll
    static void noProducerYet() {
        producer = null;
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void createdThenUpdatedEventsBuildTheCandidateWithItsManagementChain() throws Exception {
        UUID id = UUID.randomUUID();
        UUID manager = UUID.randomUUID();
        UUID director = UUID.randomUUID();
        publish("mentoring.profile.created.v1", id, state(id, 1, "Ada Lovelace", "Engineering", manager, director));
        publish("mentoring.profile.updated.v1", id, state(id, 2, "Ada Lovelace", "Research", manager, director));

        awaitVersion(id, 2);
        Map<String, Object> row = row(id);
        assertEquals("Research", row.get("department"));
        assertEquals("active", row.get("status"));
        assertEquals("{" + manager + "," + director + "}", row.get("management_chain"));
        assertTrue(row.get("skills").toString().contains("Kotlin"));
    }

    @Test
    void anOlderEventArrivingLateNeverOverwritesNewerData() throws Exception {
        UUID id = UUID.randomUUID();
        publish("mentoring.profile.updated.v1", id, state(id, 3, "Grace Hopper", "Navy", null, null));
        awaitVersion(id, 3);
        String stale = publish("mentoring.profile.updated.v1", id, state(id, 2, "Grace Hopper", "Old dept", null, null));
        String newer = publish("mentoring.profile.updated.v1", id, state(id, 4, "Grace Hopper", "Research", null, null));

        awaitVersion(id, 4);
        assertEquals("Research", row(id).get("department"));
        assertTrue(inInbox(stale), "the stale event was consumed, and ignored");
        assertTrue(inInbox(newer));
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        UUID id = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String data = state(id, 1, "Alan Turing", "Maths", null, null);
        publish(eventId, "mentoring.profile.created.v1", id, data);
        awaitVersion(id, 1);
        double duplicatesBefore = duplicates();
        publish(eventId, "mentoring.profile.created.v1", id, data);
        String after = publish("mentoring.profile.updated.v1", id, state(id, 2, "Alan Turing", "Maths", null, null));
        Eventually.await(Duration.ofSeconds(60), () -> inInbox(after), Boolean::booleanValue, "the following event");
        assertEquals(duplicatesBefore + 1, duplicates(), "the second delivery was recognised and skipped");
        assertEquals(2L, row(id).get("version"));
    }

    @Test
    void erasureLeavesOnlyATombstone() throws Exception {
        UUID id = UUID.randomUUID();
        publish("mentoring.profile.created.v1", id, state(id, 1, "Erin Erased", "Sales", UUID.randomUUID(), null));
        awaitVersion(id, 1);
        publish("mentoring.profile.erased.v1", id, "{\"profileId\":\"" + id + "\",\"version\":2}");
        Eventually.await(Duration.ofSeconds(60), () -> row(id).get("erased"), Boolean.TRUE::equals, "erasure");
        String late = publish("mentoring.profile.updated.v1", id, state(id, 3, "Erin Erased", "Sales", null, null));
        Eventually.await(Duration.ofSeconds(60), () -> inInbox(late), Boolean::booleanValue, "the late update");

        Map<String, Object> row = row(id);
        assertNull(row.get("display_name"));
        assertNull(row.get("department"));
        assertEquals("{}", row.get("management_chain"));
        assertEquals("[]", row.get("skills").toString());
        assertFalse(row.toString().contains("Erin"), row.toString());
    }

    private static String state(UUID id, long version, String name, String department, UUID manager, UUID director) {
        String chain = manager == null ? "[]" : director == null ? "[\"" + manager + "\"]"
                : "[\"" + manager + "\",\"" + director + "\"]";
        return """
                {"profileId":"%s","externalId":"E-%s","displayName":"%s","email":"someone@example.com",
                 "jobTitle":"Engineer","department":"%s","location":"Berlin","timeZone":"Europe/Berlin",
                 "languages":["en","de"],"level":5,"gradeLabel":"L5","managerId":%s,"managementChain":%s,
                 "status":"active","openToRoles":["mentor","peer"],
                 "skills":[{"skill":"Kotlin","proficiency":4},{"skill":"Public speaking","proficiency":2}],
                 "goals":[{"skill":"Leadership","targetLevel":3,"priority":1}],"topics":["career growth"],
                 "capacity":2,"openToRequests":true,"availability":[{"day":"MONDAY","start":"09:00","end":"11:00"}],
                 "formats":["video"],"version":%d,"changedAt":"%s"}
                """.formatted(id, version, name, department, manager == null ? "null" : "\"" + manager + "\"", chain,
                version, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private String publish(String type, UUID key, String data) throws Exception {
        return publish(UUID.randomUUID().toString(), type, key, data);
    }

    private String publish(String eventId, String type, UUID key, String data) throws Exception {
        EventCatalogue.load().assertConforms(type, data);
        assertEquals(TOPIC, EventCatalogue.load().topicOf(type));
        var event = EventEnvelope.cloudEvent(eventId, type, "/mentoring/profile-service", key.toString(),
                OffsetDateTime.now(ZoneOffset.UTC), data);
        producer().send(EventEnvelope.record(TOPIC, key.toString(), event, Map.of())).get();
        return eventId;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(kafkaConfig);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void awaitVersion(UUID id, long version) {
        Eventually.await(Duration.ofSeconds(60), () -> {
            Object v = row(id).get("version");
            return v == null ? 0L : (Long) v;
        }, v -> v >= version, "candidate " + id + " at version " + version);
    }

    private Map<String, Object> row(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM matching.candidate WHERE profile_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, Object> row = new HashMap<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        if (value instanceof java.sql.Array array) {
                            value = "{" + String.join(",", java.util.Arrays.stream((Object[]) array.getArray())
                                    .map(String::valueOf).toList()) + "}";
                        } else if (value instanceof java.sql.Timestamp ts) {
                            value = ts.toInstant().atOffset(ZoneOffset.UTC);
                        }
                        row.put(rs.getMetaData().getColumnName(i), value);
                    }
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private double duplicates() {
        return metrics.find("mentoring.events.consumed").tag("type", "mentoring.profile.created.v1")
                .tag("outcome", "duplicate").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private boolean inInbox(String eventId) {
        return count("SELECT count(*) FROM matching.inbox WHERE event_id = '" + eventId + "'") == 1;
    }

    private long count(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
