package org.mentoring.matching;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mentoring.platform.events.EventEnvelope;
import org.mentoring.platform.events.ReceivedEvent;
import org.mentoring.platform.testing.EventCatalogue;

/** Reads what really reached the test broker on a topic, from the beginning, as a new consumer group. */
public final class BrokerEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BrokerEvents() {
    }

    private static KafkaProducer<String, byte[]> producer;

    /**
     * Publishes an event as another service would (CloudEvents binary mode), after checking its data against the
     * catalogue and its topic; returns the event id.
     */
    public static synchronized String publish(Map<String, Object> kafkaConfig, String type, String key, String source,
                                              String data) throws Exception {
        EventCatalogue catalogue = EventCatalogue.load();
        catalogue.assertConforms(type, data);
        String topic = catalogue.topicOf(type);
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(kafkaConfig);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        String id = UUID.randomUUID().toString();
        var event = EventEnvelope.cloudEvent(id, type, source, key, OffsetDateTime.now(ZoneOffset.UTC), data);
        producer.send(EventEnvelope.record(topic, key, event, Map.of())).get();
        return id;
    }

    /** Polls until {@code done} holds for the events of the given keys, or fails after the timeout. */
    public static List<ReceivedEvent> await(Map<String, Object> kafkaConfig, String topic, List<String> keys,
                                            Predicate<List<ReceivedEvent>> done, Duration timeout) {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ReceivedEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(r.key())) {
                        seen.add(ReceivedEvent.from(r, JSON));
                    }
                }
                if (done.test(seen)) {
                    return seen;
                }
            }
        }
        throw new AssertionError("events on " + topic + " for " + keys + " did not arrive in " + timeout + "; saw "
                + seen.stream().map(ReceivedEvent::type).toList());
    }
}
