package org.mentoring.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mentoring.profile.Api.integration;
import static org.mentoring.profile.Webhooks.awaitReceived;
import static org.mentoring.profile.Webhooks.publishKudos;
import static org.mentoring.profile.Webhooks.subscribe;
import static org.mentoring.profile.Webhooks.subscription;
import static org.mentoring.profile.Webhooks.unsubscribe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.MentoringTestResource;
import org.mentoring.profile.RecordingReceiver.Received;
import org.mentoring.profile.webhook.WebhookDispatcher;

/**
 * A receiver that is down for a while, then back: every event is delivered, none is lost, and a repeated delivery
 * always carries the same webhook-id and body. Several dispatcher workers share the work, as replicas would.
 */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class WebhookOutageTest {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    WebhookDispatcher dispatcher;

    @Test
    void aReceiverDownForAWhileGetsEveryEventOnceBack() throws Exception {
        String caller = integration();
        try (RecordingReceiver receiver = RecordingReceiver.start()) {
            String path = "/outage";
            JsonPath created = subscribe(caller, receiver.url(path), List.of(Webhooks.KUDOS));
            String id = created.getString("id");
            try {
                List<String> published = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    published.add(publishKudos(kafkaConfig, UUID.randomUUID().toString()));
                }
                awaitReceived(receiver, path, r -> r.size() >= 10, "the first ten, before the outage");

                receiver.goDown();
                for (int i = 0; i < 20; i++) {
                    published.add(publishKudos(kafkaConfig, UUID.randomUUID().toString()));
                    Thread.sleep(100);
                }
                Thread.sleep(1500);
                receiver.resume();
                for (int i = 0; i < 10; i++) {
                    published.add(publishKudos(kafkaConfig, UUID.randomUUID().toString()));
                }

                List<Received> got = awaitReceived(receiver, path,
                        r -> r.stream().filter(Received::accepted).map(x -> x.header("webhook-id"))
                                .collect(java.util.stream.Collectors.toSet()).containsAll(published),
                        "all forty events after the outage");
                Map<String, String> bodyById = new HashMap<>();
                Set<String> acceptedIds = new HashSet<>();
                for (Received r : got) {
                    String webhookId = r.header("webhook-id");
                    String earlier = bodyById.putIfAbsent(webhookId, r.body());
                    if (earlier != null) {
                        assertEquals(earlier, r.body(), "a repeated delivery is the same event");
                    }
                    if (r.accepted()) {
                        assertTrue(acceptedIds.add(webhookId), "accepted twice: " + webhookId);
                    }
                }
                assertEquals(new HashSet<>(published), acceptedIds);
                assertEquals(40, acceptedIds.size());
                List<String> verdicts = StandardWebhooksLibrary.verify(got.stream()
                        .map(r -> new StandardWebhooksLibrary.Check(created.getString("secret"), Map.of(
                                "webhook-id", r.header("webhook-id"),
                                "webhook-timestamp", r.header("webhook-timestamp"),
                                "webhook-signature", r.header("webhook-signature")), r.body()))
                        .toList());
                assertTrue(verdicts.stream().allMatch("verified"::equals), verdicts.toString());
                assertTrue(subscription(caller, id).getBoolean("active"), "an outage within the schedule is no failure");

                String metrics = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                        .extract().asString();
                assertTrue(metrics.contains("mentoring_webhooks_deliveries_total{outcome=\"delivered\"")
                        && metrics.contains("mentoring_webhooks_deliveries_total{outcome=\"retrying\"")
                        && metrics.contains("mentoring_webhooks_subscriptions_failing"), "webhook metrics exposed");
            } finally {
                unsubscribe(caller, id);
            }
        }
    }

    /**
     * Eight more dispatchers (as other replicas would be) race the service's own workers over a backlog: every
     * event reaches the healthy receiver exactly once, in order, and never two of one subscription at a time.
     */
    @Test
    void competingDispatchersNeverSendADeliveryTwice() throws Exception {
        String caller = integration();
        try (RecordingReceiver receiver = RecordingReceiver.start()) {
            String path = "/competing";
            receiver.answer(path, n -> new RecordingReceiver.Reply(204, 20, Map.of()));
            String id = subscribe(caller, receiver.url(path), List.of(Webhooks.KUDOS)).getString("id");
            java.util.concurrent.ExecutorService replicas = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                String key = UUID.randomUUID().toString();
                List<String> published = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    published.add(publishKudos(kafkaConfig, key));
                }
                java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
                for (int i = 0; i < 8; i++) {
                    replicas.submit(() -> {
                        while (!done.get()) {
                            if (!dispatcher.sendOne()) {
                                Thread.sleep(5);
                            }
                        }
                        return null;
                    });
                }
                List<Received> got = awaitReceived(receiver, path, r -> r.size() >= 30, "thirty deliveries");
                Thread.sleep(500);
                done.set(true);
                got = receiver.at(path);
                assertEquals(published, got.stream().map(r -> r.header("webhook-id")).toList(),
                        "each event once, in the order of the events");
                assertEquals(1, receiver.mostAtOnce(path), "one delivery in flight per subscription");
            } finally {
                replicas.shutdownNow();
                unsubscribe(caller, id);
            }
        }
    }
}
