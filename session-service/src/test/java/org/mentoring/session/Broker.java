package org.mentoring.session;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mentoring.platform.events.EventEnvelope;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.TestKafka;

/**
 * The test run's real broker, as the other services use it: publishes catalogue-valid CloudEvents in binary mode
 * (as the outbox relay of profile- and matching-service would) and reads what session-service published.
 */
final class Broker {

    private static KafkaProducer<String, byte[]> producer;

    private Broker() {
    }

    /** Validates the data against docs/asyncapi.yaml, then publishes it on the catalogued topic; returns the id. */
    static String publish(String type, UUID key, String data, String source) {
        EventCatalogue catalogue = EventCatalogue.load();
        catalogue.assertConforms(type, data);
        String id = UUID.randomUUID().toString();
        var event = EventEnvelope.cloudEvent(id, type, source, key.toString(), OffsetDateTime.now(ZoneOffset.UTC), data);
        try {
            producer().send(EventEnvelope.record(catalogue.topicOf(type), key.toString(), event, Map.of())).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
        return id;
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close, "test-producer-stop"));
        }
        return producer;
    }

    /** A consumer of a topic from its beginning, in a group of its own. */
    static KafkaConsumer<String, byte[]> consumer(String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "session-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Polls until {@code until} records with the given key arrived or the timeout passes. */
    static List<ConsumerRecord<String, byte[]>> await(KafkaConsumer<String, byte[]> consumer,
                                                      java.util.function.Predicate<ConsumerRecord<String, byte[]>> wanted,
                                                      int until, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < until && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (wanted.test(r)) {
                    seen.add(r);
                }
            }
        }
        return seen;
    }
}
