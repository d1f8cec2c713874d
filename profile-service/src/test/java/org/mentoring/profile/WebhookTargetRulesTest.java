package org.mentoring.profile;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mentoring.profile.Api.PROBLEM;
import static org.mentoring.profile.Api.as;
import static org.mentoring.profile.Api.integration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.MentoringTestResource;
import org.mentoring.profile.signing.WebhookSignature;

/** With production settings (https only, public targets only), server-side request forgery is refused. */
@QuarkusTest
@TestProfile(WebhookTargetRulesTest.ProductionTargets.class)
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class WebhookTargetRulesTest {

    public static class ProductionTargets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mentoring.webhooks.allow-http", "false",
                    "mentoring.webhooks.allow-private-targets", "false");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void privateLoopbackLinkLocalAndMetadataTargetsAreRefused() {
        String caller = integration();
        for (String url : List.of("https://127.0.0.1/hook", "https://localhost:8443/hook", "https://[::1]/hook",
                "https://10.0.0.5/hook", "https://172.16.3.4/hook", "https://192.168.0.10/hook",
                "https://169.254.169.254/latest/meta-data/", "https://metadata.google.internal/computeMetadata/v1/",
                "https://[fe80::1]/hook", "https://[fd00::1]/hook", "https://0.0.0.0/hook", "https://224.0.0.1/hook",
                "https://[::ffff:127.0.0.1]/hook", "https://nowhere.invalid/hook")) {
            as(caller).contentType("application/json").body(Map.of("url", url, "eventTypes", List.of("*")))
                    .when().post("/v1/webhooks/subscriptions")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("urn:mentoring:problem:validation"))
                    .body("errors[0].field", equalTo("url"));
        }
        as(caller).contentType("application/json").body(Map.of("url", "http://93.184.215.14/hook", "eventTypes", List.of("*")))
                .when().post("/v1/webhooks/subscriptions")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].message", containsString("https"));
        as(caller).when().get("/v1/webhooks/subscriptions").then().statusCode(200).body("items", equalTo(List.of()));
    }

    /** A target that turned private after it was saved (DNS changed) is checked again and not called. */
    @Test
    void theTargetIsCheckedAgainAtDeliveryTime() throws Exception {
        String caller = integration();
        try (RecordingReceiver receiver = RecordingReceiver.start()) {
            UUID subscription = UUID.randomUUID();
            UUID delivery = UUID.randomUUID();
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_subscription (id, owner, url, "
                        + "event_types, active, secret, created_at, secret_rotated_at) VALUES (?, ?, ?, '*', true, ?, "
                        + "now(), now())")) {
                    s.setObject(1, subscription);
                    s.setString(2, "someone-else");
                    s.setString(3, receiver.url("/rebound").replace("http:", "https:"));
                    s.setString(4, WebhookSignature.newSecret());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_delivery (id, subscription_id, "
                        + "event_id, event_type, body, status, next_attempt_at) VALUES (?, ?, ?, "
                        + "'mentoring.webhook.ping.v1', '{}', 'pending', now())")) {
                    s.setObject(1, delivery);
                    s.setObject(2, subscription);
                    s.setString(3, UUID.randomUUID().toString());
                    s.executeUpdate();
                }
            }
            String error = Eventually.await(Duration.ofSeconds(30), () -> lastError(delivery), e -> e != null,
                    "an attempt on the rebound target");
            assertTrue(error.startsWith("target refused"), error);
            assertEquals(0, receiver.at("/rebound").size());
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("DELETE FROM webhook_subscription WHERE id = ?")) {
                s.setObject(1, subscription);
                s.executeUpdate();
            }
        }
        as(caller).when().get("/v1/webhooks/subscriptions").then().statusCode(200);
    }

    private String lastError(UUID delivery) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT last_error FROM webhook_delivery WHERE id = ?")) {
            s.setObject(1, delivery);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
