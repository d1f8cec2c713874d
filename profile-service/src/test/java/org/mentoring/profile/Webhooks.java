package org.mentoring.profile;

import static org.mentoring.profile.Api.as;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mentoring.platform.events.EventEnvelope;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.Eventually;

/** Fixtures of the webhook tests: subscriptions through the API and catalogue-valid events into the broker. */
final class Webhooks {

    static final String KUDOS = "mentoring.kudos.given.v1";
    private static KafkaProducer<String, byte[]> producer;

    private Webhooks() {
    }

    /** A new subscription; returns the create answer (with the secret). */
    static JsonPath subscribe(String bearer, String url, List<String> eventTypes) {
        return as(bearer).contentType("application/json")
                .body(Map.of("url", url, "eventTypes", eventTypes, "description", "test receiver"))
                .when().post("/v1/webhooks/subscriptions")
                .then().statusCode(201).extract().jsonPath();
    }

    static void unsubscribe(String bearer, String id) {
        as(bearer).when().delete("/v1/webhooks/subscriptions/" + id).then().statusCode(204);
    }

    static String kudosData(UUID kudosId) {
        return """
                {"kudosId":"%s","fromProfileId":"%s","toProfileId":"%s","skills":["Kotlin"],"mentorshipId":null,
                 "givenAt":"%s"}""".formatted(kudosId, UUID.randomUUID(), UUID.randomUUID(),
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Publishes a catalogue-valid event of the given type into the broker, keyed by key; returns its id. */
    static String publish(Map<String, Object> kafkaConfig, String type, String key, String data) {
        EventCatalogue catalogue = EventCatalogue.load();
        catalogue.assertConforms(type, data);
        String id = UUID.randomUUID().toString();
        var event = EventEnvelope.cloudEvent(id, type, "/mentoring/feedback-service", key,
                OffsetDateTime.now(ZoneOffset.UTC), data);
        try {
            producer(kafkaConfig).send(EventEnvelope.record(catalogue.topicOf(type), key, event, Map.of())).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    static String publishKudos(Map<String, Object> kafkaConfig, String key) {
        return publish(kafkaConfig, KUDOS, key, kudosData(UUID.randomUUID()));
    }

    private static synchronized KafkaProducer<String, byte[]> producer(Map<String, Object> kafkaConfig) {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(kafkaConfig);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    static List<RecordingReceiver.Received> awaitReceived(RecordingReceiver receiver, String path,
                                                        Predicate<List<RecordingReceiver.Received>> done, String what) {
        return Eventually.await(Duration.ofSeconds(60), () -> receiver.at(path), done, what);
    }

    static JsonPath subscription(String bearer, String id) {
        return as(bearer).when().get("/v1/webhooks/subscriptions/" + id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath deliveries(String bearer, String id) {
        return as(bearer).when().get("/v1/webhooks/subscriptions/" + id + "/deliveries").then().statusCode(200)
                .extract().jsonPath();
    }
}
