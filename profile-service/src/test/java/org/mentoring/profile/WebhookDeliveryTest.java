package org.mentoring.profile;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mentoring.profile.Api.as;
import static org.mentoring.profile.Api.hrAdmin;
import static org.mentoring.profile.Api.integration;
import static org.mentoring.profile.Webhooks.awaitReceived;
import static org.mentoring.profile.Webhooks.deliveries;
import static org.mentoring.profile.Webhooks.publishKudos;
import static org.mentoring.profile.Webhooks.subscribe;
import static org.mentoring.profile.Webhooks.subscription;
import static org.mentoring.profile.Webhooks.unsubscribe;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.profile.RecordingReceiver.Received;
import org.mentoring.profile.RecordingReceiver.Reply;

/**
 * Outbound webhooks against a real HTTP receiver: what the receiver gets is verified by the reference Standard
 * Webhooks library (npm standardwebhooks, run by node), not by this project's signing code. The retry schedule is
 * compressed to seconds by the test configuration.
 */
@QuarkusTest
@QuarkusTestResource(value = org.mentoring.platform.testing.MentoringTestResource.class,
        initArgs = @ResourceArg(name = "service", value = "profile"))
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RecordingReceiver receiver;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void startReceiver() {
        receiver = RecordingReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private static String path() {
        return "/hooks/" + UUID.randomUUID();
    }

    private static List<Received> awaitCount(String path, int count) {
        return awaitReceived(receiver, path, r -> r.size() >= count, count + " requests at " + path);
    }

    @Test
    void deliversSignedCloudEventsThatTheReferenceLibraryVerifies() throws Exception {
        String admin = integration();
        String path = path();
        JsonPath created = subscribe(admin, receiver.url(path), List.of("mentoring.kudos.*"));
        String secret = created.getString("secret");
        String id = created.getString("id");
        try {
            UUID kudosId = UUID.randomUUID();
            String eventId = Webhooks.publish(kafkaConfig, Webhooks.KUDOS, kudosId.toString(),
                    Webhooks.kudosData(kudosId));
            Received delivery = awaitCount(path, 1).get(0);

            assertEquals("verified", StandardWebhooksLibrary.verify(secret, delivery));
            assertEquals(eventId, delivery.header("webhook-id"));
            long timestamp = Long.parseLong(delivery.header("webhook-timestamp"));
            assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 60, "timestamp in seconds");
            assertTrue(delivery.header("webhook-signature").matches("v1,[A-Za-z0-9+/=]+"),
                    delivery.header("webhook-signature"));
            assertTrue(delivery.header("content-type").startsWith("application/cloudevents+json"));

            JsonNode body = JSON.readTree(delivery.body());
            assertEquals("1.0", body.path("specversion").asText());
            assertEquals(eventId, body.path("id").asText());
            assertEquals(Webhooks.KUDOS, body.path("type").asText());
            assertEquals("/mentoring/feedback-service", body.path("source").asText());
            assertEquals(kudosId.toString(), body.path("subject").asText());
            assertEquals("application/json", body.path("datacontenttype").asText());
            assertFalse(body.path("time").asText().isEmpty());
            assertEquals(kudosId.toString(), body.path("data").path("kudosId").asText());
            EventCatalogue.load().assertConforms(Webhooks.KUDOS, body.path("data").toString());

            // The library is no rubber stamp: another secret or a changed body is refused.
            byte[] otherKey = new byte[32];
            new java.security.SecureRandom().nextBytes(otherKey);
            String otherSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(otherKey);
            assertTrue(StandardWebhooksLibrary.verify(otherSecret, delivery).startsWith("refused"));
            Received tampered = new Received(path, delivery.headers(), delivery.body().replace("Kotlin", "Java"),
                    delivery.at(), 204);
            assertTrue(StandardWebhooksLibrary.verify(secret, tampered).startsWith("refused"));

            JsonPath log = Eventually.await(Duration.ofSeconds(30), () -> deliveries(admin, id),
                    l -> "delivered".equals(l.getString("items[0].status")), "delivery logged as delivered");
            assertEquals(eventId, log.getString("items[0].eventId"));
            assertEquals(1, log.getInt("items[0].attempts"));
            assertEquals(204, log.getInt("items[0].lastStatusCode"));
            assertTrue(log.getInt("items[0].lastLatencyMs") >= 0);
            assertNull(log.get("items[0].nextAttemptAt"));
            assertEquals(1, log.getList("items[0].attemptLog").size());
        } finally {
            unsubscribe(admin, id);
        }
    }

    @Test
    void profileChangesThroughTheApiReachAWildcardSubscription() {
        String admin = hrAdmin();
        String path = path();
        JsonPath created = subscribe(admin, receiver.url(path), List.of("mentoring.profile.*"));
        try {
            String profileId = Api.createProfile(Api.unique("hook") + "@example.com", Map.of());
            Received delivery = awaitReceived(receiver, path, r -> r.stream().anyMatch(d -> d.body().contains(profileId)),
                    "the created profile's event").stream().filter(d -> d.body().contains(profileId)).findFirst()
                    .orElseThrow();
            assertEquals("verified", StandardWebhooksLibrary.verify(created.getString("secret"), delivery));
            JsonNode body = JSON.readTree(delivery.body());
            assertEquals("mentoring.profile.created.v1", body.path("type").asText());
            assertEquals(profileId, body.path("subject").asText());
            assertEquals(profileId, body.path("data").path("profileId").asText());
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            unsubscribe(admin, created.getString("id"));
        }
    }

    @Test
    void retriesOnServerErrorsWithTheSameWebhookId() {
        String admin = integration();
        String path = path();
        receiver.answer(path, n -> Reply.status(n <= 2 ? 500 : 204));
        JsonPath created = subscribe(admin, receiver.url(path), List.of(Webhooks.KUDOS));
        String id = created.getString("id");
        try {
            String eventId = publishKudos(kafkaConfig, UUID.randomUUID().toString());
            List<Received> got = awaitCount(path, 3);
            for (Received r : got) {
                assertEquals(eventId, r.header("webhook-id"));
                assertEquals("verified", StandardWebhooksLibrary.verify(created.getString("secret"), r));
            }
            assertEquals(List.of(500, 500, 204), got.stream().map(Received::answeredWith).toList());
            // Backoff: the second pause (about 400 ms) is longer than nothing at all.
            assertTrue(Duration.between(got.get(1).at(), got.get(2).at()).toMillis() >= 300);
            JsonPath log = Eventually.await(Duration.ofSeconds(30), () -> deliveries(admin, id),
                    l -> "delivered".equals(l.getString("items[0].status")), "delivered after retries");
            assertEquals(3, log.getInt("items[0].attempts"));
            assertEquals(List.of(204, 500, 500), log.getList("items[0].attemptLog.statusCode"));
        } finally {
            unsubscribe(admin, id);
        }
    }

    @Test
    void retriesAfterATimeout() {
        String admin = integration();
        String path = path();
        // The read timeout of the test configuration is 1 s.
        receiver.answer(path, n -> n == 1 ? new Reply(200, 2500, Map.of()) : Reply.status(204));
        JsonPath created = subscribe(admin, receiver.url(path), List.of(Webhooks.KUDOS));
        String id = created.getString("id");
        try {
            String eventId = publishKudos(kafkaConfig, UUID.randomUUID().toString());
            JsonPath log = Eventually.await(Duration.ofSeconds(30), () -> deliveries(admin, id),
                    l -> "delivered".equals(l.getString("items[0].status")), "delivered after a timeout");
            assertEquals(eventId, log.getString("items[0].eventId"));
            assertEquals(2, log.getInt("items[0].attempts"));
            List<String> errors = log.getList("items[0].attemptLog.error");
            assertNull(errors.get(0));
            assertTrue(errors.get(1).startsWith("timeout"), errors.toString());
            assertNull(log.getList("items[0].attemptLog.statusCode").get(1));
        } finally {
            unsubscribe(admin, id);
        }
    }

    @Test
    void honoursRetryAfterOnTooManyRequests() {
        String admin = integration();
        String path = path();
        receiver.answer(path, n -> n == 1 ? new Reply(429, 0, Map.of("Retry-After", "2")) : Reply.status(204));
        JsonPath created = subscribe(admin, receiver.url(path), List.of(Webhooks.KUDOS));
        try {
            publishKudos(kafkaConfig, UUID.randomUUID().toString());
            List<Received> got = awaitCount(path, 2);
            long gap = Duration.between(got.get(0).at(), got.get(1).at()).toMillis();
            assertTrue(gap >= 1900, "the receiver asked for 2 s and got " + gap + " ms");
        } finally {
            unsubscribe(admin, created.getString("id"));
        }
    }

    @Test
    void goneDisablesTheSubscriptionAtOnceAndSaysSo() throws Exception {
        String admin = integration();
        String path = path();
        receiver.answer(path, n -> Reply.status(410));
        JsonPath created = subscribe(admin, receiver.url(path), List.of(Webhooks.KUDOS));
        String id = created.getString("id");
        try {
            publishKudos(kafkaConfig, UUID.randomUUID().toString());
            awaitCount(path, 1);
            JsonPath s = Eventually.await(Duration.ofSeconds(30), () -> subscription(admin, id),
                    v -> !v.getBoolean("active"), "subscription disabled");
            assertEquals("gone", s.getString("disabledReason"));
            assertDisabledEvent(id, "gone");
            publishKudos(kafkaConfig, UUID.randomUUID().toString());
            Thread.sleep(1500);
            assertEquals(1, receiver.at(path).size(), "nothing is sent to a receiver that answered 410");
            assertEquals("failed", deliveries(admin, id).getString("items[0].status"));
        } finally {
            unsubscribe(admin, id);
        }
    }

    @Test
    void persistentFailureDisablesTheSubscriptionWhenTheScheduleIsUsedUp() {
        String admin = integration();
        String path = path();
        receiver.answer(path, n -> Reply.status(503));
        JsonPath created = subscribe(admin, receiver.url(path), List.of(Webhooks.KUDOS));
        String id = created.getString("id");
        try {
            String eventId = publishKudos(kafkaConfig, UUID.randomUUID().toString());
            JsonPath s = Eventually.await(Duration.ofSeconds(60), () -> subscription(admin, id),
                    v -> !v.getBoolean("active"), "subscription disabled after the retries");
            assertEquals("failing", s.getString("disabledReason"));
            // One first attempt and one retry per entry of the test schedule (7 entries).
            assertEquals(8, receiver.at(path).size());
            assertTrue(receiver.at(path).stream().allMatch(r -> eventId.equals(r.header("webhook-id"))));
            assertDisabledEvent(id, "failing");
            JsonPath log = deliveries(admin, id);
            assertEquals("failed", log.getString("items[0].status"));
            assertEquals(8, log.getInt("items[0].attempts"));
        } finally {
            unsubscribe(admin, id);
        }
    }

    @Test
    void aDeliveryThatCannotBePreparedFailsItsAttemptsAndIsNotClaimedForEver() throws Exception {
        String admin = integration();
        String path = path();
        JsonPath created = subscribe(admin, receiver.url(path), List.of(Webhooks.KUDOS));
        String id = created.getString("id");
        try (java.sql.Connection c = dataSource.getConnection()) {
            // A secret this service cannot open (as one sealed under a key a replica lacks): every send fails before
            // any request goes out.
            try (java.sql.PreparedStatement s = c.prepareStatement(
                    "UPDATE webhook_subscription SET secret = 'unreadable' WHERE id = ?::uuid")) {
                s.setString(1, id);
                assertEquals(1, s.executeUpdate());
            }
            publishKudos(kafkaConfig, UUID.randomUUID().toString());
            // The test schedule's seven retries, as for a receiver that keeps failing: then it is disabled.
            String state = Eventually.await(Duration.ofSeconds(60), () -> text(c, "SELECT s.active || ' ' || "
                            + "coalesce(s.disabled_reason, '-') || ' ' || d.status || ' ' || d.attempts || ' ' || coalesce(d.last_error, '-') "
                            + "FROM webhook_subscription s JOIN webhook_delivery d ON d.subscription_id = s.id WHERE s.id = ?::uuid", id),
                    v -> v != null && v.startsWith("false"), "subscription disabled after the retries");
            assertTrue(state.startsWith("false failing failed 8 not sent: the service could not prepare the request"), state);
            assertEquals(8, Integer.parseInt(text(c, "SELECT count(*) FROM webhook_attempt a JOIN webhook_delivery d "
                    + "ON d.id = a.delivery_id WHERE d.subscription_id = ?::uuid", id)));
            assertEquals(0, receiver.at(path).size());
        } finally {
            try (java.sql.Connection c = dataSource.getConnection();
                 java.sql.PreparedStatement s = c.prepareStatement("DELETE FROM webhook_subscription WHERE id = ?::uuid")) {
                s.setString(1, id);
                s.executeUpdate();
            }
        }
    }

    private static String text(java.sql.Connection c, String sql, String parameter) {
        try (java.sql.PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRotatedSecretSignsWithEverySecretReplacedWithinTheGracePeriod() {
        String admin = integration();
        String path = path();
        JsonPath created = subscribe(admin, receiver.url(path), List.of(Webhooks.KUDOS));
        String id = created.getString("id");
        try {
            String oldSecret = created.getString("secret");
            JsonPath rotated = as(admin).when().post("/v1/webhooks/subscriptions/" + id + "/secret")
                    .then().statusCode(200).extract().jsonPath();
            String newSecret = rotated.getString("secret");
            assertNotEquals(oldSecret, newSecret);
            assertTrue(newSecret.startsWith("whsec_"));
            assertFalse(subscription(admin, id).getMap("$").containsKey("secret"), "GET never shows the secret");

            publishKudos(kafkaConfig, UUID.randomUUID().toString());
            Received delivery = awaitCount(path, 1).get(0);
            assertEquals(2, delivery.header("webhook-signature").split(" ").length, delivery.header("webhook-signature"));
            assertEquals("verified", StandardWebhooksLibrary.verify(oldSecret, delivery));
            assertEquals("verified", StandardWebhooksLibrary.verify(newSecret, delivery));

            // A second rotation before the receiver switched: the first secret still signs, until its own deadline.
            String newest = as(admin).when().post("/v1/webhooks/subscriptions/" + id + "/secret")
                    .then().statusCode(200).extract().path("secret");
            publishKudos(kafkaConfig, UUID.randomUUID().toString());
            Received next = awaitCount(path, 2).get(1);
            assertEquals(3, next.header("webhook-signature").split(" ").length, next.header("webhook-signature"));
            for (String secret : List.of(oldSecret, newSecret, newest)) {
                assertEquals("verified", StandardWebhooksLibrary.verify(secret, next));
            }
        } finally {
            unsubscribe(admin, id);
        }
    }

    @Test
    void redeliversOneDeliveryAndEverythingSinceATime() {
        String admin = integration();
        String path = path();
        String since = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1).toString();
        JsonPath created = subscribe(admin, receiver.url(path), List.of(Webhooks.KUDOS));
        String id = created.getString("id");
        try {
            String first = publishKudos(kafkaConfig, "same-key-" + id);
            String second = publishKudos(kafkaConfig, "same-key-" + id);
            awaitCount(path, 2);
            JsonPath log = Eventually.await(Duration.ofSeconds(30), () -> deliveries(admin, id),
                    l -> l.getList("items.status").equals(List.of("delivered", "delivered")), "both delivered");
            String firstDelivery = log.getString("items[1].id");
            assertEquals(first, log.getString("items[1].eventId"));

            JsonPath page1 = as(admin).queryParam("limit", 1).when().get("/v1/webhooks/subscriptions/" + id + "/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(second), page1.getList("items.eventId"));
            JsonPath page2 = as(admin).queryParam("limit", 1).queryParam("cursor", page1.getString("nextCursor"))
                    .when().get("/v1/webhooks/subscriptions/" + id + "/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(first), page2.getList("items.eventId"));
            assertEquals(List.of(204), page2.getList("items[0].attemptLog.statusCode"));
            assertNull(page2.getString("nextCursor"));
            as(admin).queryParam("cursor", "%%%").when().get("/v1/webhooks/subscriptions/" + id + "/deliveries")
                    .then().statusCode(400).contentType(Api.PROBLEM);
            as(admin).queryParam("limit", "0x10").when().get("/v1/webhooks/subscriptions/" + id + "/deliveries")
                    .then().statusCode(400).contentType(Api.PROBLEM).body("errors[0].field", equalTo("limit"));
            as(admin).queryParam("limit", "ten").when().get("/v1/webhooks/subscriptions")
                    .then().statusCode(400).contentType(Api.PROBLEM).body("errors[0].field", equalTo("limit"));

            as(admin).when().post("/v1/webhooks/subscriptions/" + id + "/deliveries/" + firstDelivery + "/redeliver")
                    .then().statusCode(202).body("eventId", equalTo(first));
            List<Received> got = awaitCount(path, 3);
            assertEquals(first, got.get(2).header("webhook-id"));
            assertEquals(got.get(0).body(), got.get(2).body(), "a redelivery carries the same event");
            assertEquals("verified", StandardWebhooksLibrary.verify(created.getString("secret"), got.get(2)));

            as(admin).queryParam("since", since).when().post("/v1/webhooks/subscriptions/" + id + "/redeliver")
                    .then().statusCode(202).body("redelivered", equalTo(2));
            got = awaitCount(path, 5);
            Set<String> ids = new HashSet<>();
            got.forEach(r -> ids.add(r.header("webhook-id")));
            assertEquals(Set.of(first, second), ids);

            as(admin).when().post("/v1/webhooks/subscriptions/" + id + "/deliveries/" + UUID.randomUUID()
                    + "/redeliver").then().statusCode(404).contentType(Api.PROBLEM);
            as(admin).when().post("/v1/webhooks/subscriptions/" + id + "/redeliver")
                    .then().statusCode(400).contentType(Api.PROBLEM).body("errors[0].field", equalTo("since"));
            as(admin).queryParam("since", "yesterday").when().post("/v1/webhooks/subscriptions/" + id + "/redeliver")
                    .then().statusCode(400).contentType(Api.PROBLEM);
        } finally {
            unsubscribe(admin, id);
        }
    }

    @Test
    void aDeliveryMadePendingAgainWaitsWhileALaterOneIsInFlight() throws Exception {
        String admin = integration();
        String path = path();
        JsonPath created = subscribe(admin, receiver.url(path), List.of(Webhooks.KUDOS));
        String id = created.getString("id");
        String older = "evt-" + UUID.randomUUID();
        String later = "evt-" + UUID.randomUUID();
        try (java.sql.Connection c = dataSource.getConnection()) {
            // As after a redelivery: the older delivery pending again (due now) while the later one is being sent
            // (claimed a moment ago, its lease running).
            try (java.sql.PreparedStatement s = c.prepareStatement("INSERT INTO webhook_delivery (id, subscription_id,"
                    + " event_id, event_type, body, status, attempts, next_attempt_at, last_attempt_at) VALUES"
                    + " (gen_random_uuid(), ?::uuid, ?, 'mentoring.kudos.given.v1', '{}', 'pending', ?,"
                    + " now() + make_interval(secs => ?), CASE WHEN ? > 0 THEN now() END)")) {
                for (Object[] row : new Object[][] {{older, 0, 0}, {later, 1, 50}}) {
                    s.setString(1, id);
                    s.setString(2, (String) row[0]);
                    s.setInt(3, (Integer) row[1]);
                    s.setInt(4, (Integer) row[2]);
                    s.setInt(5, (Integer) row[1]);
                    s.executeUpdate();
                }
            }
            Thread.sleep(3000);
            assertEquals(0, receiver.at(path).size(), "nothing more is sent while one delivery is in flight");
            // The later one's attempt is recorded (here: delivered); then the older one goes out.
            try (java.sql.PreparedStatement s = c.prepareStatement(
                    "UPDATE webhook_delivery SET status = 'delivered', delivered_at = now() WHERE event_id = ?")) {
                s.setString(1, later);
                assertEquals(1, s.executeUpdate());
            }
            assertEquals(older, awaitCount(path, 1).get(0).header("webhook-id"));
        } finally {
            unsubscribe(admin, id);
        }
    }

    @Test
    void aPingGoesToThatSubscriptionOnly() throws Exception {
        String admin = integration();
        String pathA = path();
        String pathB = path();
        JsonPath a = subscribe(admin, receiver.url(pathA), List.of("mentoring.goal.*"));
        JsonPath b = subscribe(admin, receiver.url(pathB), List.of("*"));
        try {
            as(admin).when().post("/v1/webhooks/subscriptions/" + a.getString("id") + "/ping")
                    .then().statusCode(202).body("eventType", equalTo("mentoring.webhook.ping.v1"));
            Received ping = awaitCount(pathA, 1).get(0);
            assertEquals("verified", StandardWebhooksLibrary.verify(a.getString("secret"), ping));
            JsonNode body = JSON.readTree(ping.body());
            assertEquals("mentoring.webhook.ping.v1", body.path("type").asText());
            assertEquals("/mentoring/profile-service", body.path("source").asText());
            EventCatalogue.load().assertConforms("mentoring.webhook.ping.v1", body.path("data").toString());
            assertEquals(a.getString("id"), body.path("data").path("subscriptionId").asText());
            Thread.sleep(1000);
            assertTrue(receiver.at(pathB).stream().noneMatch(r -> r.body().contains("mentoring.webhook.ping.v1")),
                    "the ping is not delivered to other subscriptions");
        } finally {
            unsubscribe(admin, a.getString("id"));
            unsubscribe(admin, b.getString("id"));
        }
    }

    @Test
    void aSubscriptionsDeliveriesKeepTheirOrderThroughARetry() {
        String admin = integration();
        String path = path();
        receiver.answer(path, n -> Reply.status(n == 1 ? 500 : 204));
        JsonPath created = subscribe(admin, receiver.url(path), List.of(Webhooks.KUDOS));
        String id = created.getString("id");
        try {
            String key = UUID.randomUUID().toString();
            List<String> published = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                published.add(publishKudos(kafkaConfig, key));
            }
            List<Received> got = awaitReceived(receiver, path, r -> r.stream().filter(Received::accepted).count() >= 10,
                    "ten accepted deliveries");
            List<String> accepted = got.stream().filter(Received::accepted).map(r -> r.header("webhook-id")).toList();
            assertEquals(published, accepted);
            assertEquals(published.get(0), got.get(0).header("webhook-id"), "the failed first one is retried first");
        } finally {
            unsubscribe(admin, id);
        }
    }

    private void assertDisabledEvent(String subscriptionId, String reason) {
        String data = Eventually.await(Duration.ofSeconds(10), () -> outboxData(subscriptionId),
                d -> d != null, "subscription-disabled event in the outbox");
        EventCatalogue.load().assertConforms("mentoring.webhook.subscription-disabled.v1", data);
        try {
            JsonNode event = JSON.readTree(data);
            assertEquals(reason, event.path("reason").asText(), data);
            assertEquals(subscriptionId, event.path("subscriptionId").asText(), data);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertEquals("mentoring.webhook.v1", EventCatalogue.load().topicOf("mentoring.webhook.subscription-disabled.v1"));
    }

    private String outboxData(String subscriptionId) {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement(
                "SELECT data, topic FROM outbox WHERE type = 'mentoring.webhook.subscription-disabled.v1' AND subject = ?")) {
            s.setString(1, subscriptionId);
            try (var rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                assertEquals("mentoring.webhook.v1", rs.getString(2));
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
