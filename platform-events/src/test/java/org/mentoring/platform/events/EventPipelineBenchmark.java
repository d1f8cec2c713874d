package org.mentoring.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.MentoringTestResource;

/**
 * Measures the event pipeline against the raw broker in one run (docs/benchmarks.md). Not part of the normal test
 * run (tag {@code benchmark}); run it with the command in docs/benchmarks.md. It prints its figures.
 *
 * <p>Latency: events written at a steady rate, each one's commit-to-applied time (the write's commit returned, to
 * the consumer's handler having applied it), next to the raw broker's produce-to-consume time for records of the
 * same size at the same rate, measured before and after ours (a plain consumer with automatic offset commits,
 * the fastest way to read). Throughput: a burst through outbox, Kafka and inbox
 * on a topic with one partition and on one with six.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class EventPipelineBenchmark {

    private static final int RATE_PER_SECOND = Integer.getInteger("bench.rate", 200);
    private static final int LATENCY_SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final int BURST = Integer.getInteger("bench.burst", 20_000);

    @Inject
    Widgets widgets;

    @Inject
    javax.sql.DataSource dataSource;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Test
    void latencyAndThroughput() throws Exception {
        createTopic(WidgetProjection.ONE_PARTITION, 1);
        createTopic(WidgetProjection.SIX_PARTITIONS, 6);
        int sampleSize = sampleEventSize();
        warmUp();

        double[] rawBefore = rawBrokerLatencies(sampleSize);
        double[] ours = pipelineLatencies();
        double[] rawAfter = rawBrokerLatencies(sampleSize);
        double[] raw = concat(rawBefore, rawAfter);

        System.out.printf("%nBENCH event size: %d bytes, rate %d/s for %d s%n", sampleSize, RATE_PER_SECOND, LATENCY_SECONDS);
        report("raw broker produce->consume (before)", rawBefore);
        report("raw broker produce->consume (after)", rawAfter);
        report("outbox commit->applied", ours);
        reportRelayShare();
        System.out.printf("BENCH ratio p50 ours/raw: %.2f, p99 ours/raw: %.2f%n",
                percentile(ours, 50) / percentile(raw, 50), percentile(ours, 99) / percentile(raw, 99));

        throughput(WidgetProjection.ONE_PARTITION, 1);
        throughput(WidgetProjection.SIX_PARTITIONS, 6);
    }

    private void warmUp() throws Exception {
        Map<String, Long> applied = new ConcurrentHashMap<>();
        WidgetProjection.appliedAtNanos = applied;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ids.add(widgets.changeOn(WidgetProjection.ONE_PARTITION, "warm-" + i, "w", false).toString());
        }
        awaitAll(applied, ids, Duration.ofSeconds(120));
        WidgetProjection.appliedAtNanos = null;
    }

    private double[] pipelineLatencies() throws Exception {
        Map<String, Long> applied = new ConcurrentHashMap<>();
        WidgetProjection.appliedAtNanos = applied;
        Map<String, Long> committed = new HashMap<>();
        long interval = 1_000_000_000L / RATE_PER_SECOND;
        long start = System.nanoTime();
        int total = RATE_PER_SECOND * LATENCY_SECONDS;
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < total; i++) {
            waitUntil(start + i * interval);
            String eventId = widgets.changeOn(WidgetProjection.SIX_PARTITIONS, "lat-" + run + "-" + (i % 1000),
                    "value-" + i, false).toString();
            committed.put(eventId, System.nanoTime());
        }
        awaitAll(applied, committed.keySet(), Duration.ofSeconds(120));
        WidgetProjection.appliedAtNanos = null;
        return committed.entrySet().stream()
                .mapToDouble(e -> (applied.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
    }

    private double[] rawBrokerLatencies(int size) throws Exception {
        String topic = "bench-raw-" + UUID.randomUUID();
        createTopic(topic, 6);
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> received = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        Map<String, Object> consumerProps = new HashMap<>(kafkaConfig);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                c.subscribe(List.of(topic));
                while (!done.get()) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                        received.put(new String(r.headers().lastHeader("id").value(), StandardCharsets.UTF_8),
                                System.nanoTime());
                    }
                }
            }
        });
        reader.start();
        Map<String, Object> producerProps = new HashMap<>(kafkaConfig);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        int total = RATE_PER_SECOND * LATENCY_SECONDS;
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(producerProps, new StringSerializer(),
                new ByteArraySerializer())) {
            Thread.sleep(2000); // let the reader join its group
            long interval = 1_000_000_000L / RATE_PER_SECOND;
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                waitUntil(start + i * interval);
                String id = "raw-" + i;
                var record = new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "k" + (i % 1000), payload);
                record.headers().add("id", id.getBytes(StandardCharsets.UTF_8));
                sent.put(id, System.nanoTime());
                p.send(record);
            }
            p.flush();
        }
        awaitAll(received, sent.keySet(), Duration.ofSeconds(120));
        done.set(true);
        reader.join();
        return sent.entrySet().stream().mapToDouble(e -> (received.get(e.getKey()) - e.getValue()) / 1e6)
                .sorted().toArray();
    }

    /** How much of our latency is the relay's (row created to acknowledged by Kafka), from the outbox itself. */
    private void reportRelayShare() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at)), "
                        + "percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at)) "
                        + "FROM profile.outbox WHERE record_key LIKE 'lat-%'")) {
            rs.next();
            System.out.printf("BENCH %-40s p50=%.2f ms p99=%.2f ms%n", "of which outbox row -> Kafka ack",
                    rs.getDouble(1) * 1000, rs.getDouble(2) * 1000);
        }
    }

    private void throughput(String topic, int partitions) throws Exception {
        Map<String, Long> applied = new ConcurrentHashMap<>();
        WidgetProjection.appliedAtNanos = applied;
        String run = UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            batch.add("tp-" + run + "-" + i);
            if (batch.size() == 100) {
                widgets.changeAll(topic, batch, "t");
                batch.clear();
            }
        }
        long written = System.nanoTime();
        while (applied.size() < BURST && System.nanoTime() - written < Duration.ofMinutes(10).toNanos()) {
            Thread.sleep(20);
        }
        long end = System.nanoTime();
        WidgetProjection.appliedAtNanos = null;
        System.out.printf("BENCH throughput %d partition(s): %d events written in %.1f s, all applied after %.1f s: "
                        + "%.0f events/s end to end%n", partitions, BURST, (written - start) / 1e9, (end - start) / 1e9,
                applied.size() / ((end - start) / 1e9));
    }

    private int sampleEventSize() {
        String json = "{\"id\":\"lat-xxxxxxxx-999\",\"value\":\"value-9999\",\"version\":12,\"poison\":false}";
        var event = EventEnvelope.cloudEvent(UUID.randomUUID().toString(), Widgets.CHANGED, "/mentoring/events-test",
                "lat-xxxxxxxx-999", OffsetDateTime.now(ZoneOffset.UTC), json);
        var record = EventEnvelope.record(Widgets.TOPIC, "lat-xxxxxxxx-999", event, Map.of());
        int headers = 0;
        for (var h : record.headers()) {
            headers += h.key().length() + h.value().length;
        }
        return record.value().length + headers;
    }

    private void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(kafkaConfig)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static void awaitAll(Map<String, Long> seen, java.util.Collection<String> ids, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!seen.keySet().containsAll(ids)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + ids.stream().filter(seen::containsKey).count() + " of " + ids.size()
                        + " arrived");
            }
            Thread.sleep(20);
        }
    }

    private static void waitUntil(long nanos) {
        long now;
        while ((now = System.nanoTime()) < nanos) {
            long remaining = nanos - now;
            if (remaining > 2_000_000) {
                try {
                    Thread.sleep(remaining / 1_000_000 - 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        return all;
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void report(String what, double[] sorted) {
        System.out.printf("BENCH %-40s n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms%n", what, sorted.length,
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), sorted[sorted.length - 1]);
    }
}
