package org.mentoring.profile;

import static org.mentoring.profile.Api.as;
import static org.mentoring.profile.Api.hrAdmin;
import static org.mentoring.profile.Api.unique;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.restassured.response.Response;

/**
 * Test side of the HRIS edge: registers integrations through the API and signs deliveries the way the Standard
 * Webhooks specification describes, with plain javax.crypto rather than the service's own code.
 */
final class Hris {

    private Hris() {
    }

    record Integration(String id, String secret) {
    }

    static Integration register(String mapping) {
        var body = as(hrAdmin()).contentType("application/json")
                .body(Map.of("name", unique("hris"), "fieldMapping", mapping))
                .when().post("/v1/hris/integrations")
                .then().statusCode(201).extract();
        return new Integration(body.path("id"), body.path("secret"));
    }

    static String sign(String secret, String id, long timestamp, byte[] body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
            byte[] signed = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, signed, 0, prefix.length);
            System.arraycopy(body, 0, signed, prefix.length, body.length);
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** Delivers a body signed with the integration's secret, now. */
    static Response deliver(Integration integration, String webhookId, String body) {
        long ts = now();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return deliverRaw(integration.id(), webhookId, ts, sign(integration.secret(), webhookId, ts, bytes), bytes);
    }

    static Response deliverRaw(String integrationId, String webhookId, long ts, String signature, byte[] body) {
        return io.restassured.RestAssured.given()
                .contentType("application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", String.valueOf(ts))
                .header("webhook-signature", signature)
                .body(body)
                .when().post("/v1/hris/" + integrationId + "/events");
    }

    /** Delivers an event under a new webhook-id and checks that it is answered 200 with {@code outcome}. */
    static io.restassured.response.ValidatableResponse expect(Integration integration, String type, String occurredAt,
                                                              String employeeJson, String outcome) {
        return deliver(integration, Api.unique("msg"), event(type, occurredAt, employeeJson))
                .then().statusCode(200).body("outcome", org.hamcrest.Matchers.equalTo(outcome));
    }

    static String event(String type, String occurredAt, String employeeJson) {
        return "{\"type\":\"" + type + "\",\"occurredAt\":\"" + occurredAt + "\",\"employee\":" + employeeJson + "}";
    }
}
