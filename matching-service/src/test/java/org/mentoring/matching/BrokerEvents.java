package org.mentoring.matching;

import java.time.Duration;
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
import org.mentoring.platform.events.ReceivedEvent;

/** Reads what really reached the test broker on a topic, from the beginning, as a new consumer group. */
public final class BrokerEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BrokerEvents() {
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
