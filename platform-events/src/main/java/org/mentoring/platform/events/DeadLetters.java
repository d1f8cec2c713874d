package org.mentoring.platform.events;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Records this service could not apply. Each is kept in the {@code dead_letter} table (to list and replay) and
 * published to the service's dead-letter topic with the original headers plus {@code dlq-*} headers that say
 * where it came from and why it failed.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    DataSource dataSource;

    @Inject
    EventsConfig config;

    @Inject
    EventApplier applier;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private KafkaProducer<String, byte[]> producer;

    /** A dead letter as the admin API shows it. */
    public record DeadLetter(UUID id, String eventId, String type, String topic, int partition, long offset,
                             String key, String reason, int attempts, OffsetDateTime failedAt,
                             OffsetDateTime replayedAt, String replayOutcome) {
    }

    public void record(ConsumerRecord<String, byte[]> record, ReceivedEvent event, String reason, int attempts) {
        UUID id = UUID.randomUUID();
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        int kept;
        // Once per record: a record that comes again (its offset not committed before a rebalance or a restart) and
        // fails again is the same dead letter, not a second one to inspect and replay.
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + config.schema() + ".dead_letter "
                     + "(id, event_id, type, topic, kafka_partition, kafka_offset, record_key, headers, payload, reason, attempts)"
                     + " SELECT ?,?,?,?,?,?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM " + config.schema() + ".dead_letter "
                     + "WHERE topic = ? AND kafka_partition = ? AND kafka_offset = ?)")) {
            ps.setObject(1, id);
            ps.setString(2, event == null ? null : event.id());
            ps.setString(3, event == null ? null : event.type());
            ps.setString(4, record.topic());
            ps.setInt(5, record.partition());
            ps.setLong(6, record.offset());
            ps.setString(7, record.key());
            ps.setString(8, json.writeValueAsString(headers));
            ps.setBytes(9, record.value());
            ps.setString(10, reason);
            ps.setInt(11, attempts);
            ps.setString(12, record.topic());
            ps.setInt(13, record.partition());
            ps.setLong(14, record.offset());
            kept = ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException("could not keep dead letter of " + record.topic() + "@" + record.offset(), e);
        }
        if (kept == 0) {
            LOG.infof("%s-%d@%d failed again and is a dead letter already: %s", record.topic(), record.partition(),
                    record.offset(), reason);
            return;
        }
        publish(record, reason, attempts);
        Counter.builder("mentoring.events.dead.letters").tag("topic", record.topic())
                .description("Records that could not be applied").register(metrics).increment();
        LOG.warnf("dead letter %s: %s %s at %s-%d@%d: %s", id, event == null ? "record" : event.type(),
                event == null ? "" : event.id(), record.topic(), record.partition(), record.offset(), reason);
    }

    public List<DeadLetter> list(boolean includeReplayed, int limit) {
        List<DeadLetter> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(select() + (includeReplayed ? "" : " WHERE replayed_at IS NULL")
                     + " ORDER BY failed_at, id LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public Optional<DeadLetter> find(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(select() + " WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Applies a dead letter again, through the inbox like any event (so a replay applies it at most once).
     * Returns the outcome; a failure is recorded on the dead letter and rethrown.
     */
    public EventApplier.Outcome replay(UUID id) {
        StoredRecord stored = load(id).orElseThrow(() -> new IllegalArgumentException("no dead letter " + id));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(stored.topic, stored.partition, stored.offset,
                stored.key, stored.payload);
        stored.headers.forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        try {
            ReceivedEvent event = toEvent(record);
            EventApplier.Outcome outcome = applier.apply(event);
            markReplayed(id, outcome.name().toLowerCase());
            return outcome;
        } catch (RuntimeException e) {
            markReplayFailed(id, e.getMessage());
            throw e;
        }
    }

    private ReceivedEvent toEvent(ConsumerRecord<String, byte[]> record) {
        return ReceivedEvent.from(record, json);
    }

    private void markReplayed(UUID id, String outcome) {
        update("UPDATE " + config.schema() + ".dead_letter SET replayed_at = now(), replay_outcome = ? WHERE id = ?",
                outcome, id);
    }

    private void markReplayFailed(UUID id, String message) {
        update("UPDATE " + config.schema() + ".dead_letter SET replay_outcome = ? WHERE id = ?",
                "failed: " + message, id);
    }

    private void update(String sql, String text, UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, text);
            ps.setObject(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private record StoredRecord(String topic, int partition, long offset, String key, byte[] payload,
                                Map<String, String> headers) {
    }

    private Optional<StoredRecord> load(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT topic, kafka_partition, kafka_offset, record_key, "
                     + "payload, headers FROM " + config.schema() + ".dead_letter WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                @SuppressWarnings("unchecked")
                Map<String, String> headers = json.readValue(rs.getString(6), Map.class);
                return Optional.of(new StoredRecord(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                        rs.getBytes(5), headers));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String select() {
        return "SELECT id, event_id, type, topic, kafka_partition, kafka_offset, record_key, reason, attempts, "
                + "failed_at, replayed_at, replay_outcome FROM " + config.schema() + ".dead_letter";
    }

    private static DeadLetter map(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getInt(5), rs.getLong(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                toOffset(rs.getTimestamp(10)), toOffset(rs.getTimestamp(11)), rs.getString(12));
    }

    private static OffsetDateTime toOffset(Timestamp ts) {
        return ts == null ? null : ts.toInstant().atOffset(ZoneOffset.UTC);
    }

    private synchronized void publish(ConsumerRecord<String, byte[]> record, String reason, int attempts) {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(kafkaConfig);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, config.groupId() + "-dead-letters");
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(config.deadLetterTopic(), record.key(), record.value());
        record.headers().forEach(out.headers()::add);
        out.headers().add(header("dlq-reason", reason));
        out.headers().add(header("dlq-topic", record.topic()));
        out.headers().add(header("dlq-partition", String.valueOf(record.partition())));
        out.headers().add(header("dlq-offset", String.valueOf(record.offset())));
        out.headers().add(header("dlq-attempts", String.valueOf(attempts)));
        out.headers().add(header("dlq-failed-at", Instant.now().toString()));
        try {
            producer.send(out).get(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // The dead letter is kept in the table; the topic copy is for tooling and may lag.
            LOG.warnf("dead-letter topic %s not reachable: %s", config.deadLetterTopic(), e.getMessage());
        }
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
