package org.mentoring.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Publishes the outbox to Kafka in commit order, exactly one replica at a time.
 *
 * <p>Leadership is a PostgreSQL session advisory lock held on the relay's own connection: the replica that holds it
 * publishes, the others retry every few seconds, and if the leader dies its connection closes and the lock passes
 * on. One publisher means rows go out in outbox order (per key, that is commit order, since writers of one
 * aggregate serialise on its row), never twice by two replicas. The same connection LISTENs on the schema's
 * channel, which {@link Outbox#append} notifies on commit, so new rows leave within milliseconds; the poll
 * interval is only the fallback. Rows are marked sent after the broker acknowledged them ({@code acks=all},
 * idempotent producer); if Kafka is down the rows wait and go out in order when it returns. Sent rows are pruned
 * after the retention period.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    DataSource dataSource;

    @Inject
    EventsConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    ObjectMapper json;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestUnsentMillis = new AtomicLong();
    private final Map<String, Counter> published = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean leader;
    private volatile Thread thread;
    private volatile KafkaProducer<String, byte[]> producer;
    /** Long enough for a batch in flight to be acknowledged when the broker answers. */
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(5);
    private Instant lastPrune = Instant.EPOCH;
    private static final long BACKLOG_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    private long lastBacklogRefresh = System.nanoTime() - BACKLOG_REFRESH_NANOS;

    static String channel(String schema) {
        return "mentoring_outbox_" + schema;
    }

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("mentoring.outbox.backlog", backlog, AtomicLong::get)
                .description("Events written to the outbox and not yet acknowledged by Kafka").register(metrics);
        Gauge.builder("mentoring.outbox.oldest.unsent.age", oldestUnsentMillis, v -> v.get() / 1000.0)
                .baseUnit("seconds").description("Age of the oldest event not yet published").register(metrics);
        Gauge.builder("mentoring.outbox.relay.leader", this, r -> r.leader ? 1 : 0)
                .description("1 when this replica is publishing the outbox").register(metrics);
        if (config.relay().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts publishing (used at boot, and by tests that stop and start relays). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::run, "outbox-relay");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * Stops after the batch in flight has been acknowledged and marked. If the broker is unreachable the relay would
     * wait on it for up to the producer's timeouts per record, holding up the service's shutdown (past a pod's grace
     * period): after a short wait the producer is closed under it instead. Rows not yet acknowledged stay unsent and
     * go out after the next start; any that did reach the broker come again, and consumers skip them by event id.
     */
    public synchronized void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(GRACEFUL_STOP.toMillis());
                if (t.isAlive()) {
                    abortProducer();
                    t.join(TimeUnit.SECONDS.toMillis(25));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    private void abortProducer() {
        KafkaProducer<String, byte[]> p = producer;
        if (p != null) {
            LOG.info("outbox relay stopping while the broker does not answer; unacknowledged events stay in the outbox");
            try {
                p.close(Duration.ZERO);
            } catch (Exception e) {
                LOG.debug("aborting the outbox producer", e);
            }
        }
    }

    /**
     * A second relay over the same outbox and broker, as another replica of the service would run; for tests of
     * leadership and exactly-once publishing.
     */
    OutboxRelay anotherReplica() {
        OutboxRelay other = new OutboxRelay();
        other.dataSource = dataSource;
        other.config = config;
        other.metrics = metrics;
        other.json = json;
        other.kafkaConfig = kafkaConfig;
        return other;
    }

    /** The publishing thread, if started (for tests of stopping). */
    Thread thread() {
        return thread;
    }

    public boolean isLeader() {
        return leader;
    }

    private void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try {
                    if (!tryLead(connection)) {
                        sleep(config.relay().leaderRetry());
                        continue;
                    }
                    leader = true;
                    LOG.infof("outbox relay of schema %s is publishing", config.schema());
                    try (Statement session = connection.createStatement()) {
                        session.execute("LISTEN " + channel(config.schema()));
                        // Marking rows sent need not wait for the WAL flush: a mark lost in a crash only means the
                        // rows are sent again, which consumers deduplicate by event id.
                        session.execute("SET synchronous_commit = off");
                    }
                    lead(connection);
                } finally {
                    leader = false;
                    closeProducer();
                    releaseSessionState(connection);
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("outbox relay paused: %s", e.getMessage());
                    sleep(Duration.ofSeconds(1));
                }
            }
        }
    }

    /**
     * The relay's connection goes back to a pool, so whatever the relay left on the session (the leader lock, also
     * after a failure, and the LISTEN) is cleared before it is returned.
     */
    private void releaseSessionState(Connection connection) {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_unlock_all()");
            s.execute("UNLISTEN *");
            s.execute("RESET synchronous_commit");
        } catch (SQLException e) {
            LOG.debug("clearing relay session state", e);
        }
    }

    private boolean tryLead(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            ps.setString(1, "mentoring-outbox-relay:" + config.schema());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void lead(Connection connection) throws Exception {
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
            int sent = publishBatch(connection);
            refreshBacklogIfDue(connection);
            pruneIfDue(connection);
            if (sent < config.relay().batchSize()) {
                // wait for a commit notification, or the poll interval at most
                pg.getNotifications((int) config.relay().pollInterval().toMillis());
            }
        }
    }

    private int publishBatch(Connection connection) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT seq, id, topic, record_key, type, subject, "
                + "occurred_at, data, trace_headers FROM " + config.schema() + ".outbox "
                + "WHERE sent_at IS NULL ORDER BY seq LIMIT ?")) {
            ps.setInt(1, config.relay().batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
                            rs.getString(9)));
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        KafkaProducer<String, byte[]> p = producer();
        List<Future<?>> acks = new ArrayList<>(rows.size());
        java.util.Set<String> heldKeys = new java.util.HashSet<>();
        for (Row row : rows) {
            Future<?> ack;
            if (heldKeys.contains(row.key)) {
                // Behind an earlier event of the same key that could not go: sent after it, never before.
                ack = java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException(
                        "held behind an earlier event of key " + row.key));
            } else {
                try {
                    ack = p.send(toRecord(row));
                } catch (Exception e) {
                    // A row that cannot become a record (or that the producer refuses outright) fails alone.
                    heldKeys.add(row.key);
                    ack = java.util.concurrent.CompletableFuture.failedFuture(e);
                }
            }
            acks.add(ack);
        }
        p.flush();
        // Every acknowledged row is marked sent, not only those before the first failure: one row that cannot be
        // published (refused by the broker, or unreadable) must neither hold back every later event nor have them
        // sent again every round. It stays unsent and is tried again; the outbox's age says it waits.
        List<Long> done = new ArrayList<>(rows.size());
        Exception failure = null;
        Row failed = null;
        for (int i = 0; i < rows.size(); i++) {
            try {
                acks.get(i).get();
                done.add(rows.get(i).seq);
                Row row = rows.get(i);
                published.computeIfAbsent(row.type, t -> Counter.builder("mentoring.events.published")
                        .tag("type", t).description("Events acknowledged by Kafka").register(metrics)).increment();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                    failed = rows.get(i);
                }
            }
        }
        markSent(connection, done);
        if (failure != null) {
            // The unacknowledged rows are sent again (consumers deduplicate by id); a fresh producer starts a clean
            // idempotent session.
            closeProducer();
            throw new IllegalStateException("outbox row " + failed.seq + " (" + failed.type + ", event " + failed.id
                    + ") and " + (rows.size() - done.size() - 1) + " other(s) of " + rows.size()
                    + " not published: " + failure.getMessage(), failure);
        }
        return rows.size();
    }

    private ProducerRecord<String, byte[]> toRecord(Row row) throws Exception {
        CloudEvent event = EventEnvelope.cloudEvent(row.id, row.type, config.source(), row.subject,
                row.occurredAt.atOffset(ZoneOffset.UTC), row.data);
        Map<String, String> headers = row.traceHeaders == null ? Map.of()
                : json.readValue(row.traceHeaders, new TypeReference<HashMap<String, String>>() {
                });
        return EventEnvelope.record(row.topic, row.key, event, headers);
    }

    private void markSent(Connection connection, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE " + config.schema() + ".outbox SET sent_at = now() WHERE seq = ANY (?)")) {
            ps.setArray(1, connection.createArrayOf("bigint", seqs.toArray()));
            ps.executeUpdate();
        }
    }

    /** The backlog gauges are refreshed once a second, not on every batch: the count is kept off the hot path. */
    private void refreshBacklogIfDue(Connection connection) throws SQLException {
        long now = System.nanoTime();
        if (now - lastBacklogRefresh < BACKLOG_REFRESH_NANOS) {
            return;
        }
        lastBacklogRefresh = now;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), min(created_at) FROM " + config.schema()
                     + ".outbox WHERE sent_at IS NULL")) {
            rs.next();
            backlog.set(rs.getLong(1));
            var oldest = rs.getTimestamp(2);
            oldestUnsentMillis.set(oldest == null ? 0 : Math.max(0, System.currentTimeMillis() - oldest.getTime()));
        }
    }

    private void pruneIfDue(Connection connection) throws SQLException {
        Instant now = Instant.now();
        if (Duration.between(lastPrune, now).compareTo(Duration.ofMinutes(10)) < 0) {
            return;
        }
        lastPrune = now;
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + config.schema()
                + ".outbox WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(secs => ?)")) {
            ps.setDouble(1, config.relay().retention().toSeconds());
            int pruned = ps.executeUpdate();
            if (pruned > 0) {
                LOG.infof("pruned %d sent outbox rows", pruned);
            }
        }
        int forgotten = pruneInbox(connection);
        if (forgotten > 0) {
            LOG.infof("pruned %d inbox rows older than %s", forgotten, config.consumer().inboxRetention());
        }
    }

    /**
     * Forgets applied events older than the inbox's retention (no topic keeps a record that long, so none of them
     * can come again), a chunk at a time so that no statement holds many rows; the relay's leader does it for its
     * service. Returns how many it forgot.
     */
    int pruneInbox(Connection connection) throws SQLException {
        int total = 0;
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + config.schema() + ".inbox WHERE "
                + "event_id IN (SELECT event_id FROM " + config.schema() + ".inbox WHERE applied_at < now() - "
                + "make_interval(secs => ?) LIMIT 10000)")) {
            ps.setDouble(1, config.consumer().inboxRetention().toSeconds());
            for (int round = 0; round < 20; round++) {
                int deleted = ps.executeUpdate();
                total += deleted;
                if (deleted < 10000) {
                    break;
                }
            }
        }
        return total;
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(kafkaConfig);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, config.groupId() + "-outbox-relay");
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (Exception e) {
                LOG.debug("closing the outbox producer", e);
            }
            producer = null;
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Row(long seq, String id, String topic, String key, String type, String subject,
                       Instant occurredAt, String data, String traceHeaders) {
    }
}
