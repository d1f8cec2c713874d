package org.mentoring.platform.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.mentoring.platform.web.DatabaseOutage;

/**
 * The service's one Kafka consumer. Records are applied in partition order, each through {@link EventApplier}
 * (inbox and effect in one transaction); offsets are committed only after the records before them were committed
 * to the database, so a crash means redelivery, which the inbox turns into a no-op. A record that keeps failing is
 * retried a bounded number of times with backoff, then handed to {@link DeadLetters} and the partition moves on.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    EventsConfig config;

    @Inject
    EventApplier applier;

    @Inject
    DeadLetters deadLetters;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private final AtomicLong lag = new AtomicLong();
    private volatile boolean running;
    private volatile boolean commitOnStop = true;
    private volatile Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("mentoring.events.consumer.lag", lag, AtomicLong::get)
                .description("Records on the subscribed partitions not yet applied").register(metrics);
        if (config.consumer().enabled() && !topics().isEmpty()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public Set<String> topics() {
        return config.consumer().topics().<Set<String>>map(java.util.TreeSet::new).orElseGet(applier::topics);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        commitOnStop = true;
        Thread t = new Thread(this::run, "event-consumer");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops after the record in hand, committing what was applied. */
    public synchronized void stop() {
        halt(true);
    }

    /**
     * Stops as a killed process would: the consumer is closed without committing the offsets of what it applied
     * since its last commit, so those records come again after a restart.
     */
    public synchronized void crash() {
        halt(false);
    }

    private void halt(boolean commit) {
        running = false;
        commitOnStop = commit;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    /**
     * Consumes until stopped. A failure the record loop does not absorb (e.g. the dead-letter table unreachable) closes
     * the consumer without committing and opens a new one a moment later: what was not committed comes again and
     * the inbox drops what was already applied, so nothing is lost and the service does not stop consuming.
     */
    private void run() {
        while (running) {
            try {
                consume();
            } catch (Exception e) {
                LOG.errorf(e, "event consumer failed; reconnecting in %s", RECONNECT_PAUSE);
                sleep(RECONNECT_PAUSE);
            }
        }
    }

    private void consume() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.consumer().maxPollRecords());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.groupId() + "-events");
        Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            c.subscribe(List.copyOf(topics()));
            while (running) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = c.poll(Duration.ofMillis(500));
                } catch (WakeupException e) {
                    break;
                }
                for (TopicPartition partition : records.partitions()) {
                    if (!running) {
                        break;
                    }
                    List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
                    int done = processBatch(batch);
                    if (done > 0) {
                        pending.put(partition, new OffsetAndMetadata(batch.get(done - 1).offset() + 1));
                    }
                }
                if (running && !pending.isEmpty()) {
                    // Asynchronous: the database already holds the effects; a lost commit means redelivery,
                    // which the inbox absorbs. Saves a broker round trip per poll.
                    c.commitAsync(Map.copyOf(pending), (offsets, error) -> {
                        if (error != null) {
                            LOG.warnf("offset commit failed, records will come again: %s", error.getMessage());
                        }
                    });
                    pending.clear();
                }
                updateLag(c);
            }
            if (commitOnStop && !pending.isEmpty()) {
                c.commitSync(pending);
            }
        } finally {
            consumer = null;
        }
    }

    /**
     * Applies one partition's records from one poll: all in one transaction when they are all readable and apply
     * cleanly, else one by one (so a failing record is retried alone and the others are not held back). Returns how
     * many records, from the start, are done; fewer than all only when the consumer is stopping.
     */
    private int processBatch(List<ConsumerRecord<String, byte[]>> batch) {
        if (batch.size() > 1) {
            try {
                List<ReceivedEvent> events = new java.util.ArrayList<>(batch.size());
                for (ConsumerRecord<String, byte[]> record : batch) {
                    events.add(toEvent(record));
                }
                applier.applyAll(events);
                return batch.size();
            } catch (RuntimeException e) {
                LOG.debugf("batch of %d records failed, applying them one by one: %s", batch.size(), describe(e));
            }
        }
        int done = 0;
        for (ConsumerRecord<String, byte[]> record : batch) {
            if (!running) {
                break;
            }
            process(record);
            done++;
        }
        return done;
    }

    private void process(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event;
        try {
            event = toEvent(record);
        } catch (RuntimeException e) {
            deadLetters.record(record, null, "not a CloudEvent: " + e.getMessage(), 1);
            return;
        }
        Duration backoff = config.consumer().retryBackoff();
        int max = Math.max(1, config.consumer().maxAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                applier.apply(event);
                return;
            } catch (ReceivedEvent.UnreadableEventException e) {
                deadLetters.record(record, event, e.getMessage(), attempt);
                return;
            } catch (RuntimeException e) {
                if (running && DatabaseOutage.causedBy(e)) {
                    // Not the record's fault: wait for the database instead of spending attempts or dead-lettering.
                    LOG.warnf("database unreachable while applying %s %s; waiting for it: %s", event.type(),
                            event.id(), DatabaseOutage.describe(e));
                    attempt--;
                    sleep(OUTAGE_PAUSE);
                    continue;
                }
                if (attempt >= max || !running) {
                    if (!running) {
                        throw e;
                    }
                    deadLetters.record(record, event, describe(e), attempt);
                    return;
                }
                LOG.debugf("applying %s %s failed (attempt %d): %s", event.type(), event.id(), attempt, describe(e));
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    ReceivedEvent toEvent(ConsumerRecord<String, byte[]> record) {
        return ReceivedEvent.from(record, json);
    }

    private void updateLag(KafkaConsumer<String, byte[]> c) {
        long total = 0;
        for (TopicPartition tp : c.assignment()) {
            total += c.currentLag(tp).orElse(0);
        }
        lag.set(total);
    }

    /** How long the consumer waits before trying again while the database is unreachable. */
    private static final Duration OUTAGE_PAUSE = Duration.ofSeconds(1);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
