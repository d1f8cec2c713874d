package org.mentoring.platform.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.MentoringTestResource;
import org.mentoring.platform.testing.TestKafka;
import org.mentoring.platform.testing.TestTokens;

/**
 * The event backbone against the real broker and database: envelope, outbox to inbox, and the four faults it must
 * survive (Kafka down during writes, a consumer crash mid-batch, a poison record, two relays at once).
 */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class EventBackboneTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    Widgets widgets;

    @Inject
    DataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Inject
    Outbox outbox;

    @Inject
    EventConsumer consumer;

    @Inject
    MeterRegistry metrics;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @AfterEach
    void restoreNormalRunning() {
        TestKafka.broker().start();
        WidgetProjection.delayMillis.set(0);
        WidgetProjection.rejectPoison.set(true);
        relay.start();
        consumer.start();
    }

    @Test
    void eventsGoOutAsCloudEventsInBinaryModeKeyedByAggregate() {
        String id = "envelope-" + UUID.randomUUID();
        UUID eventId = widgets.change(id, "blue", false);

        awaitApplied(Set.of(eventId.toString()));
        ConsumerRecord<String, byte[]> record = readTopic(Widgets.TOPIC, r -> eventId.toString().equals(header(r, "ce_id")));
        assertEquals(id, record.key());
        assertEquals("1.0", header(record, "ce_specversion"));
        assertEquals(Widgets.CHANGED, header(record, "ce_type"));
        assertEquals("/mentoring/events-test", header(record, "ce_source"));
        assertEquals(id, header(record, "ce_subject"));
        assertNotNull(header(record, "ce_time"));
        assertEquals("application/json", header(record, "content-type"));
        String data = new String(record.value(), StandardCharsets.UTF_8);
        assertTrue(data.contains("\"value\":\"blue\""), data);
    }

    @Test
    void writesSucceedWhileKafkaIsDownAndEveryEventArrivesAfterItReturns() {
        String prefix = "outage-" + UUID.randomUUID() + "-";
        TestKafka.broker().stop();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            // 100 widgets, five versions each: the view must end on version 5 of every one
            ids.add(widgets.change(prefix + (i % 100), "v" + (i / 100 + 1), false).toString());
        }
        assertEquals(500, count("SELECT count(*) FROM profile.outbox WHERE sent_at IS NULL AND record_key LIKE ?", prefix + "%"),
                "all 500 events wait in the outbox while Kafka is away");
        TestKafka.broker().start();

        awaitApplied(ids);
        assertEquals(500, count("SELECT count(*) FROM profile.apply_log WHERE widget_id LIKE ?", prefix + "%"));
        assertEquals(100, count("SELECT count(*) FROM profile.widget_view WHERE id LIKE ? AND version = 5 AND value = 'v5'",
                prefix + "%"), "the read model holds exactly the current state of every widget");
    }

    @Test
    void theRelayStopsPromptlyWhileKafkaIsAwayAndItsUnsentEventsGoOutAfterwards() {
        String prefix = "stop-" + UUID.randomUUID() + "-";
        // a replica starting while the broker is away: its producer knows no topic yet, so every send waits for
        // metadata that cannot come
        relay.stop();
        TestKafka.broker().stop();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 600; i++) {
            ids.add(widgets.change(prefix + i, "s", false).toString());
        }
        OutboxRelay starting = relay.anotherReplica();
        starting.start();
        Eventually.await(WAIT, () -> starting.isLeader() ? 1L : 0L, n -> n == 1, "the new replica to lead");
        Thread publishing = starting.thread();
        long stopping = System.nanoTime();
        starting.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - stopping);
        assertFalse(publishing.isAlive(), "stop() returned with the relay still waiting on the broker");
        // A deadline, not a speed: waiting on the broker record after record would overrun a pod's termination
        // grace period; the relay gives a batch in flight 5 s and then abandons it.
        assertTrue(took.compareTo(Duration.ofSeconds(12)) < 0, "stopping took " + took);
        assertEquals(600, count("SELECT count(*) FROM profile.outbox WHERE sent_at IS NULL AND record_key LIKE ?", prefix + "%"),
                "nothing unacknowledged was marked sent");

        TestKafka.broker().start();
        relay.start();
        awaitApplied(ids);
    }

    @Test
    void anOutboxRowThatCannotBePublishedHoldsBackNoOtherEvent() throws SQLException {
        String prefix = "stuck-" + UUID.randomUUID() + "-";
        UUID poison = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO "
                + "profile.outbox (id, topic, record_key, type, subject, occurred_at, data, trace_headers) VALUES "
                + "(?, ?, ?, ?, ?, now(), '{}', 'not json')")) {
            // Trace headers that do not read as JSON: the row can never become a record.
            ps.setObject(1, poison);
            ps.setString(2, Widgets.TOPIC);
            ps.setString(3, prefix + "poison");
            ps.setString(4, Widgets.CHANGED);
            ps.setString(5, prefix + "poison");
            ps.executeUpdate();
        }
        try {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                ids.add(widgets.change(prefix + i, "after", false).toString());
            }
            // A later event of the same aggregate waits behind it: never published before the event it follows.
            widgets.change(prefix + "poison", "later", false);
            awaitApplied(ids);
            // Marked sent, so not sent again and again behind the row that fails.
            Eventually.await(WAIT, () -> count("SELECT count(*) FROM profile.outbox WHERE sent_at IS NULL "
                    + "AND record_key LIKE ? AND record_key NOT LIKE '%poison'", prefix + "%"), n -> n == 0,
                    "the events after the unpublishable row marked sent");
            assertEquals(2, count("SELECT count(*) FROM profile.outbox WHERE sent_at IS NULL AND record_key = ?",
                    prefix + "poison"), "the unpublishable row waits, unsent, and the event behind it too");
        } finally {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("DELETE FROM profile.outbox WHERE record_key = ?")) {
                ps.setString(1, prefix + "poison");
                ps.executeUpdate();
            }
        }
    }

    @Test
    void theInboxForgetsEventsOlderThanAnyTopicKeepsAndRemembersTheRest() throws SQLException {
        String prefix = "inbox-" + UUID.randomUUID() + "-";
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO profile.inbox (event_id, type, topic, applied_at) "
                    + "VALUES (?, 'x', 'x', now() - make_interval(days => ?))")) {
                for (int days : new int[] {45, 31, 29, 1}) {
                    ps.setString(1, prefix + days);
                    ps.setInt(2, days);
                    ps.executeUpdate();
                }
            }
            assertTrue(relay.pruneInbox(c) >= 2);
        }
        assertEquals(2, count("SELECT count(*) FROM profile.inbox WHERE event_id LIKE ?", prefix + "%"));
        assertEquals(0, count("SELECT count(*) FROM profile.inbox WHERE event_id LIKE ? AND applied_at < now() - "
                + "interval '30 days'", prefix + "%"));
    }

    @Inject
    DeadLetters deadLetters;

    @Test
    void aRecordThatFailsAgainAfterComingAgainIsOneDeadLetter() {
        long offset = 1_000_000_000L + new java.util.Random().nextInt(1_000_000);
        org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record =
                new org.apache.kafka.clients.consumer.ConsumerRecord<>(Widgets.TOPIC, 0, offset, "again",
                        "not a cloud event".getBytes(StandardCharsets.UTF_8));
        // As when its offset was not committed before a rebalance: the same record, failing the same way, twice.
        deadLetters.record(record, null, "not a CloudEvent", 1);
        deadLetters.record(record, null, "not a CloudEvent", 1);
        assertEquals(1, count("SELECT count(*) FROM profile.dead_letter WHERE topic = '" + Widgets.TOPIC
                + "' AND kafka_partition = 0 AND kafka_offset = " + offset + " AND record_key = ?", "again"));
    }

    @Test
    void aConsumerCrashMidBatchLosesNothingAndAppliesNothingTwice() {
        String prefix = "crash-" + UUID.randomUUID() + "-";
        consumer.stop();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            ids.add(widgets.change(prefix + i, "x", false).toString());
        }
        Eventually.await(WAIT, () -> count("SELECT count(*) FROM profile.outbox WHERE sent_at IS NULL AND record_key LIKE ?",
                prefix + "%"), n -> n == 0, "the relay to publish all 300");
        double duplicatesBefore = duplicates();

        WidgetProjection.delayMillis.set(5);
        consumer.start();
        Eventually.await(WAIT, () -> count("SELECT count(*) FROM profile.apply_log WHERE widget_id LIKE ?", prefix + "%"),
                n -> n >= 60, "the consumer to be inside its first batch");
        consumer.crash();
        long appliedAtCrash = count("SELECT count(*) FROM profile.apply_log WHERE widget_id LIKE ?", prefix + "%");
        assertTrue(appliedAtCrash < 300, "crashed before the end: " + appliedAtCrash);

        WidgetProjection.delayMillis.set(0);
        consumer.start();
        awaitApplied(ids);
        assertEquals(300, count("SELECT count(*) FROM profile.apply_log WHERE widget_id LIKE ?", prefix + "%"),
                "each of the 300 events applied exactly once");
        assertTrue(duplicates() > duplicatesBefore,
                "records applied before the crash came again and the inbox skipped them");
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheRestOfThePartitionIsApplied() {
        String id = "poison-" + UUID.randomUUID();
        String before = widgets.change(id, "first", false).toString();
        String poison = widgets.change(id, "poison", true).toString();
        String after = widgets.change(id, "third", false).toString();

        awaitApplied(Set.of(before, after));
        assertEquals(0, count("SELECT count(*) FROM profile.apply_log WHERE event_id = ?", poison));
        UUID deadLetterId = Eventually.await(WAIT, () -> deadLetterOf(poison), d -> d != null, "the dead letter");
        ConsumerRecord<String, byte[]> onTopic = readTopic("mentoring.events-test.dlq.v1",
                r -> poison.equals(header(r, "ce_id")));
        assertTrue(header(onTopic, "dlq-reason").contains("cannot apply poison widget"), header(onTopic, "dlq-reason"));
        assertEquals(Widgets.TOPIC, header(onTopic, "dlq-topic"));
        assertEquals("3", header(onTopic, "dlq-attempts"));

        String admin = TestTokens.bearer("ops", "ops@example.com", "hr-admin");
        given().header("Authorization", admin).when().get("/admin/dead-letters")
                .then().statusCode(200);
        given().header("Authorization", admin).queryParam("includeReplayed", "yes").when().get("/admin/dead-letters")
                .then().statusCode(400).body("errors[0].field", equalTo("includeReplayed"));
        given().header("Authorization", admin).queryParam("limit", "many").when().get("/admin/dead-letters")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().when().post("/admin/dead-letters/" + deadLetterId + "/replay").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("e", "e@example.com", "employee"))
                .when().post("/admin/dead-letters/" + deadLetterId + "/replay").then().statusCode(403);
        given().header("Authorization", admin).when().post("/admin/dead-letters/" + deadLetterId + "/replay")
                .then().statusCode(422).contentType("application/problem+json");

        WidgetProjection.rejectPoison.set(false);
        given().header("Authorization", admin).when().post("/admin/dead-letters/" + deadLetterId + "/replay")
                .then().statusCode(200).body("outcome", equalTo("applied"));
        given().header("Authorization", admin).when().post("/admin/dead-letters/" + deadLetterId + "/replay")
                .then().statusCode(200).body("outcome", equalTo("duplicate"));
        assertEquals(1, count("SELECT count(*) FROM profile.apply_log WHERE event_id = ?", poison));
        given().header("Authorization", admin).when().post("/admin/dead-letters/" + UUID.randomUUID() + "/replay")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void twoRelaysPublishEachEventExactlyOnceInOrderPerKey() throws Exception {
        String prefix = "relays-" + UUID.randomUUID() + "-";
        OutboxRelay second = relay.anotherReplica();
        second.start();
        try {
            List<String> written = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                written.add(widgets.change(prefix + (i % 10), "n" + i, false).toString());
                if (i == 150) {
                    // the leader goes away mid-stream; the other relay takes over
                    (relay.isLeader() ? relay : second).stop();
                }
            }
            awaitApplied(new HashSet<>(written));
            Map<String, List<Long>> versionsByKey = new HashMap<>();
            Map<String, Integer> seen = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : readAll(Widgets.TOPIC, r -> r.key().startsWith(prefix), 300)) {
                seen.merge(header(r, "ce_id"), 1, Integer::sum);
                String data = new String(r.value(), StandardCharsets.UTF_8);
                long version = Long.parseLong(data.replaceAll(".*\"version\":(\\d+).*", "$1"));
                versionsByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(version);
            }
            assertEquals(300, seen.size());
            assertTrue(seen.values().stream().allMatch(n -> n == 1), "no event published twice: " + seen);
            assertTrue(written.stream().allMatch(seen::containsKey));
            versionsByKey.forEach((key, versions) -> {
                List<Long> sorted = new ArrayList<>(versions);
                sorted.sort(Long::compare);
                assertEquals(sorted, versions, "events of " + key + " in commit order");
            });
        } finally {
            second.stop();
        }
    }

    @Test
    void eventsAppendedTogetherKeepTheirOrderAndAllArrive() throws SQLException {
        appendTogetherAndFollow(60, "bulk");
        Outbox.Event stray = new Outbox.Event(Widgets.TOPIC, Widgets.CHANGED, "stray", "stray", Map.of());
        assertThrows(IllegalStateException.class, () -> outbox.appendAll(List.of(stray)),
                "appending outside the transaction of a change is refused");
    }

    @Test
    void aLargeAppendIsCopiedWithTheSameRowsOrderAndData() throws SQLException {
        // Above Outbox.COPY_FROM the rows are streamed with COPY, whose text format escapes tabs, line breaks and
        // backslashes: a value full of them must reach the consumer unchanged.
        String value = "tab\there, line\nbreak, back\\slash \\N, quote \" and \u00e9\u20ac\ud83d\ude00";
        List<String> eventIds = appendTogetherAndFollow(Outbox.COPY_FROM * 4, value);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT v.id) FROM profile.widget_view v "
                     + "JOIN profile.outbox o ON o.record_key = v.id WHERE o.id = ANY (?) AND v.value = ?")) {
            ps.setArray(1, c.createArrayOf("uuid", eventIds.stream().map(UUID::fromString).toArray()));
            ps.setString(2, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(6, rs.getInt(1), "each widget's view holds the value byte for byte");
            }
        }
    }

    /** Appends {@code count} events over six keys in one call; checks ids, order, and that all are applied. */
    private List<String> appendTogetherAndFollow(int count, String value) throws SQLException {
        String prefix = "together-" + UUID.randomUUID() + "-";
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(prefix + (i % 6));
        }
        List<String> eventIds = widgets.changeTogether(keys, value).stream().map(UUID::toString).toList();
        assertEquals(count, new HashSet<>(eventIds).size(), "one distinct event id per event");
        assertEquals(eventIds.stream().sorted().toList(), eventIds, "ids minted in order sort in order");
        List<String> inOutbox = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, record_key FROM profile.outbox "
                     + "WHERE record_key LIKE ? ORDER BY seq")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inOutbox.add(rs.getString(1));
                    assertEquals(keys.get(inOutbox.size() - 1), rs.getString(2));
                }
            }
        }
        assertEquals(eventIds, inOutbox, "the outbox holds the events in the order they were given");
        awaitApplied(new HashSet<>(eventIds));
        return eventIds;
    }

    private void awaitApplied(Set<String> eventIds) {
        Eventually.await(WAIT, () -> {
            Set<String> missing = new HashSet<>(eventIds);
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT event_id FROM profile.inbox WHERE event_id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("text", eventIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        missing.remove(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return missing.size();
        }, missing -> missing == 0, eventIds.size() + " events in the inbox (count still missing)");
    }

    private long count(String sql, String arg) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private UUID deadLetterOf(String eventId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM profile.dead_letter WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private double duplicates() {
        return metrics.find("mentoring.events.consumed").tag("outcome", "duplicate").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private ConsumerRecord<String, byte[]> readTopic(String topic, java.util.function.Predicate<ConsumerRecord<String, byte[]>> match) {
        return readAll(topic, match, 1).get(0);
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic,
                                                         java.util.function.Predicate<ConsumerRecord<String, byte[]>> match,
                                                         int expected) {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            reader.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    if (match.test(r)) {
                        found.add(r);
                    }
                }
                if (found.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    // keep reading a little longer so that a duplicate would be seen
                    quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        assertTrue(found.size() >= expected, "found " + found.size() + " of " + expected + " records on " + topic);
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
