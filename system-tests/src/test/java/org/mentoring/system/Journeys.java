package org.mentoring.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.restassured.response.Response;
import org.mentoring.platform.testing.TestTokens;

/**
 * What a frontend and an HRIS do in the journeys, over HTTP only: each call is made as the person it belongs to (a
 * bearer token with their email, which every service links to their profile), and calls that depend on an event
 * still travelling to another service are retried until that service knows, as a client would.
 */
final class Journeys {

    static final Duration PROPAGATION = Duration.ofMinutes(2);

    record Person(String externalId, String email, String name) {
        String token() {
            return TestTokens.bearer(email, email, "employee");
        }
    }

    record Hris(String id, String secret) {
    }

    private final Api api;

    Journeys(Api api) {
        this.api = api;
    }

    static Person person(String prefix, int i) {
        String id = prefix + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
        return new Person(id, id.toLowerCase() + "@journey.test", "Journey " + prefix + " " + i);
    }

    /** A new employee in Berlin, created by an HR admin through the API. */
    Person hire(String role, int level, String department) {
        Person p = person(role, level);
        Response created = api.at("profile", Api.HR).contentType("application/json")
                .body(employee(p, department, "Berlin", "Europe/Berlin", level, null)).post("/v1/profiles");
        assertEquals(201, created.statusCode(), created.asString());
        return p;
    }

    Hris integration(String name) {
        Response r = api.at("profile", Api.HR).contentType("application/json")
                .body(Map.of("name", name + "-" + UUID.randomUUID().toString().substring(0, 6), "fieldMapping", "standard"))
                .post("/v1/hris/integrations");
        assertEquals(201, r.statusCode(), r.asString());
        return new Hris(r.path("id"), r.path("secret"));
    }

    /** A signed Standard Webhooks delivery from the HRIS. */
    Response hrisEvent(Hris hris, String type, Map<String, Object> employee) {
        String body = JsonText.of(Map.of("type", type, "occurredAt", java.time.Instant.now().toString(),
                "employee", employee));
        String id = "msg_" + UUID.randomUUID();
        long ts = System.currentTimeMillis() / 1000;
        return api.at("profile", null).contentType("application/json")
                .header("webhook-id", id).header("webhook-timestamp", String.valueOf(ts))
                .header("webhook-signature", sign(hris.secret(), id, ts, body))
                .body(body).post("/v1/hris/" + hris.id() + "/events");
    }

    static Map<String, Object> employee(Person p, String department, String location, String timeZone, int level,
                                        String managerExternalId) {
        java.util.LinkedHashMap<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("externalId", p.externalId());
        e.put("email", p.email());
        e.put("displayName", p.name());
        e.put("jobTitle", level >= 6 ? "Senior Engineer" : "Engineer");
        e.put("department", department);
        e.put("location", location);
        e.put("timeZone", timeZone);
        e.put("languages", List.of("en"));
        e.put("level", level);
        if (managerExternalId != null) {
            e.put("managerExternalId", managerExternalId);
        }
        return e;
    }

    /** A bulk import in the standard CSV mapping, waited for until completed. */
    void importCsv(Hris hris, String csv) {
        Response started = api.at("profile", Api.HR).contentType("text/csv").body(csv)
                .post("/v1/hris/" + hris.id() + "/imports");
        assertEquals(202, started.statusCode(), started.asString());
        String id = started.path("id");
        Until.passes(Duration.ofMinutes(3), () -> {
            Response state = api.at("profile", Api.HR).get("/v1/hris/" + hris.id() + "/imports/" + id);
            assertEquals("completed", state.path("status"), state.asString());
        });
    }

    /** The person's own profile id, once profile-service has them. */
    String profileId(Person p) {
        Response me = api.at("profile", p.token()).get("/v1/me");
        assertEquals(200, me.statusCode(), p.email() + ": " + me.asString());
        return me.path("id");
    }

    /** Sets mentoring preferences as the person themself (merge patch with If-Match). */
    void preferences(Person p, Map<String, Object> patch) {
        Response me = api.at("profile", p.token()).get("/v1/me");
        assertEquals(200, me.statusCode(), me.asString());
        Response r = api.at("profile", p.token()).contentType("application/merge-patch+json")
                .header("If-Match", me.header("ETag")).body(patch).patch("/v1/me");
        assertEquals(200, r.statusCode(), r.asString());
    }

    /** Calls until the status is the expected one (an event on its way), then returns the response. */
    Response eventually(int expected, java.util.function.Supplier<Response> call) {
        Response[] last = new Response[1];
        Until.passes(PROPAGATION, () -> {
            last[0] = call.get();
            assertEquals(expected, last[0].statusCode(), last[0].asString());
        });
        return last[0];
    }

    static String sign(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertContains(List<?> values, Object value, String what) {
        assertTrue(values.contains(value), what + ": " + value + " not in " + values);
    }
}
