package org.mentoring.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.MentoringTestResource;
import org.mentoring.platform.testing.TestKafka;

/** Low ratings from mentees lower the mentor's quality, and the change goes out on the broker for matching. */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "feedback"))
class MentorQualityTest extends FeedbackTestBase {

    private static final String TOPIC = "mentoring.mentor-quality.v1";

    @Test
    void lowRatingsFromMenteesPublishALowerDampedQuality() throws Exception {
        UUID mentor = person("Engineering", "Berlin", 6);
        int[] ratings = {1, 2, 1};
        for (int rating : ratings) {
            UUID mentee = person("Sales", "Lisbon", 2);
            UUID mentorship = mentorship(null, mentor, mentee, now().minusDays(20));
            UUID session = completedSession(mentorship, null, now().minusDays(1), mentor, mentee);
            UUID request = awaitRequest(mentee, "session", "session_id", session);
            as(mentee).contentType("application/json").body(Map.of("rating", rating))
                    .post("/v1/feedback/requests/" + request + "/answer").then().statusCode(201);
            // The mentor's own rating of the mentee is not about a mentor: it never moves the mentor's quality.
            UUID mentorRequest = awaitRequest(mentor, "session", "session_id", session);
            as(mentor).contentType("application/json").body(Map.of("rating", 5))
                    .post("/v1/feedback/requests/" + mentorRequest + "/answer").then().statusCode(201);
        }

        List<JsonNode> published = awaitQualityEvents(mentor, ratings.length);
        double prior = 5 * 3.5;
        int sum = 0;
        for (int i = 0; i < ratings.length; i++) {
            sum += ratings[i];
            JsonNode event = published.get(i);
            assertEquals((sum + prior) / (i + 1 + 5), event.get("quality").asDouble(), 0.0001, event.toString());
            assertEquals(i + 1, event.get("ratingCount").asInt());
            assertEquals(i + 1, event.get("version").asInt());
        }
        assertTrue(published.get(ratings.length - 1).get("quality").asDouble() < 3.5 - 0.75,
                "three poor ratings pull the mentor well below the prior");
        EventCatalogue.load().assertOutboxConforms(dataSource, "feedback");
    }

    /** Reads the mentor's quality events from the broker, validating each against the catalogue. */
    private static List<JsonNode> awaitQualityEvents(UUID mentor, int expected) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "quality-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!mentor.toString().equals(record.key())) {
                        continue;
                    }
                    String type = new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
                    assertEquals("mentoring.mentor-quality.changed.v1", type);
                    String data = new String(record.value(), StandardCharsets.UTF_8);
                    EventCatalogue.load().assertConforms(type, data);
                    found.add(JSON.readTree(data));
                }
            }
        }
        assertEquals(expected, found.size(), "quality events for " + mentor + " on " + TOPIC);
        return found;
    }
}
