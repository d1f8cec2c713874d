package org.mentoring.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mentoring.profile.Api.PROBLEM;
import static org.mentoring.profile.Api.as;
import static org.mentoring.profile.Api.hrAdmin;
import static org.mentoring.profile.Api.unique;
import static org.mentoring.profile.Hris.deliver;
import static org.mentoring.profile.Hris.deliverRaw;
import static org.mentoring.profile.Hris.event;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mentoring.platform.testing.ContractValidation;
import org.mentoring.platform.testing.MentoringTestResource;

@QuarkusTest
@ExtendWith(ContractValidation.class)
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class HrisWebhookTest {

    @Inject
    DataSource dataSource;

    private static String employee(String externalId, String email, String jobTitle) {
        return "{\"externalId\":\"" + externalId + "\",\"email\":\"" + email + "\",\"displayName\":\"Emp " + externalId
                + "\",\"jobTitle\":\"" + jobTitle + "\",\"department\":\"Finance\",\"timeZone\":\"Europe/Paris\","
                + "\"languages\":[\"fr\",\"en\"],\"level\":5}";
    }

    private int storedEvents(String webhookId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM hris_event WHERE webhook_id = ?")) {
            s.setString(1, webhookId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private int profilesWithExternalId(String externalId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM profile WHERE external_id = ?")) {
            s.setString(1, externalId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private Map<String, Object> profileOf(String externalId) {
        return profileOf(externalId, "active");
    }

    private Map<String, Object> profileOf(String externalId, String status) {
        String id = given().header("Authorization", hrAdmin()).queryParam("q", "Emp " + externalId)
                .queryParam("status", status).when().get("/v1/profiles").then().statusCode(200)
                .extract().path("items[0].id");
        return as(hrAdmin()).when().get("/v1/profiles/" + id).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    @Test
    void registrationShowsASecretOnceAndRotationReplacesIt() {
        var created = as(hrAdmin()).contentType("application/json")
                .body(Map.of("name", unique("Workday"), "fieldMapping", "workday"))
                .when().post("/v1/hris/integrations")
                .then().statusCode(201)
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]+=*"))
                .body("fieldMapping", equalTo("workday"))
                .extract();
        String id = created.path("id");
        String secret = created.path("secret");
        assertTrue(Base64.getDecoder().decode(secret.substring(6)).length >= 24, "at least 24 random bytes");
        as(hrAdmin()).when().get("/v1/hris/integrations/" + id)
                .then().statusCode(200).body("$", not(hasKey("secret")));
        String rotated = as(hrAdmin()).when().post("/v1/hris/integrations/" + id + "/secret")
                .then().statusCode(200).extract().path("secret");
        assertNotEquals(secret, rotated);
        String x = unique("wd");
        String body = "{\"type\":\"employee.created\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"employee\":"
                + "{\"Employee_ID\":\"" + x + "\",\"Email_Address\":\"" + x + "@example.com\",\"Preferred_Name\":\"Emp " + x + "\"}}";
        deliver(new Hris.Integration(id, rotated), unique("msg"), body).then().statusCode(200).body("outcome", equalTo("applied"));
        // The old secret still verifies while the rotation's grace lasts: the event is read and applied (a fact of the
        // same instant, after the first).
        deliver(new Hris.Integration(id, secret), unique("msg"), body.replace("employee.created", "employee.updated"))
                .then().statusCode(200).body("outcome", equalTo("applied"));
    }

    @Test
    void aSecondRotationCutsNobodyOff() {
        Hris.Integration first = Hris.register("standard");
        String second = as(hrAdmin()).when().post("/v1/hris/integrations/" + first.id() + "/secret")
                .then().statusCode(200).extract().path("secret");
        // Sent twice (a retry, a double click): the sender still has the first secret, and it still verifies.
        var third = as(hrAdmin()).when().post("/v1/hris/integrations/" + first.id() + "/secret")
                .then().statusCode(200).body("previousSecretValidUntil", org.hamcrest.Matchers.notNullValue()).extract();
        for (String secret : new String[] {first.secret(), second, third.path("secret")}) {
            String x = unique("E");
            Hris.expect(new Hris.Integration(first.id(), secret), "employee.created", "2026-03-01T10:00:00Z",
                    employee(x, x + "@example.com", "A"), "applied");
        }
        deliver(new Hris.Integration(first.id(), "whsec_" + Base64.getEncoder().encodeToString(new byte[24])), unique("msg"),
                event("employee.created", "2026-03-01T10:00:00Z", employee(unique("E"), unique("e") + "@example.com", "A")))
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void twoRotationsAtOnceBothTakeEffect() throws Exception {
        Hris.Integration first = Hris.register("standard");
        String hr = hrAdmin();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<String> rotate = () -> as(hr).when()
                    .post("/v1/hris/integrations/" + first.id() + "/secret").then().statusCode(200).extract().path("secret");
            var a = pool.submit(rotate);
            var b = pool.submit(rotate);
            // Whichever went second replaced the other's secret, which still verifies: none of the three is lost.
            for (String secret : new String[] {first.secret(), a.get(), b.get()}) {
                String x = unique("E");
                Hris.expect(new Hris.Integration(first.id(), secret), "employee.created", "2026-03-01T10:00:00Z",
                        employee(x, x + "@example.com", "A"), "applied");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void registrationIsForHrAdminsAndValidated() {
        Map<String, Object> body = Map.of("name", unique("x"), "fieldMapping", "standard");
        given().contentType("application/json").body(body).when().post("/v1/hris/integrations")
                .then().statusCode(401).contentType(PROBLEM);
        as(Api.employee(unique("e") + "@example.com")).contentType("application/json").body(body)
                .when().post("/v1/hris/integrations").then().statusCode(403).contentType(PROBLEM);
        as(Api.integration()).contentType("application/json").body(body)
                .when().post("/v1/hris/integrations").then().statusCode(403).contentType(PROBLEM);
        as(Api.integration()).when().post("/v1/hris/integrations/" + UUID.randomUUID() + "/secret")
                .then().statusCode(403).contentType(PROBLEM);
        as(hrAdmin()).contentType("application/json").body(Map.of("fieldMapping", "standard"))
                .when().post("/v1/hris/integrations")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("name"));
        as(hrAdmin()).contentType("application/json").body(Map.of("name", unique("x"), "fieldMapping", "sap"))
                .when().post("/v1/hris/integrations")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("fieldMapping"));
        as(hrAdmin()).when().post("/v1/hris/integrations/" + UUID.randomUUID() + "/secret")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void validDeliveryIsAppliedOnceAndAReplayIsAcknowledged() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("E");
        String webhookId = unique("msg");
        String body = event("employee.created", "2026-03-01T10:00:00Z", employee(x, x + "@example.com", "Analyst"));
        deliver(hris, webhookId, body).then().statusCode(200).body("outcome", equalTo("applied"));
        Map<String, Object> profile = profileOf(x);
        assertEquals("Analyst", profile.get("jobTitle"));
        assertEquals(List.of("fr", "en"), profile.get("languages"));
        Object version = profile.get("version");
        deliver(hris, webhookId, body).then().statusCode(200).body("outcome", equalTo("duplicate"));
        assertEquals(1, storedEvents(webhookId));
        assertEquals(1, profilesWithExternalId(x));
        assertEquals(version, profileOf(x).get("version"));
    }

    @Test
    void severalSignaturesInOneHeaderVerifyWhenOneMatches() {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("E");
        String id = unique("msg");
        long ts = Hris.now();
        byte[] body = event("employee.created", "2026-03-01T10:00:00Z", employee(x, x + "@example.com", "A"))
                .getBytes(StandardCharsets.UTF_8);
        String good = Hris.sign(hris.secret(), id, ts, body);
        deliverRaw(hris.id(), id, ts, "v1,AAAAbogus= " + good, body).then().statusCode(200);
    }

    @Test
    void badSignatureIsRefusedAndNothingIsApplied() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        Hris.Integration impostor = new Hris.Integration(hris.id(), Hris.register("standard").secret());
        String x = unique("E");
        String id = unique("msg");
        deliver(impostor, id, event("employee.created", "2026-03-01T10:00:00Z", employee(x, x + "@example.com", "A")))
                .then().statusCode(401).contentType(PROBLEM).body("type", equalTo("urn:mentoring:problem:unauthorized"));
        long ts = Hris.now();
        byte[] body = event("employee.created", "2026-03-01T10:00:00Z", employee(x, x + "@example.com", "A"))
                .getBytes(StandardCharsets.UTF_8);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"A\"", "\"B\"").getBytes(StandardCharsets.UTF_8);
        deliverRaw(hris.id(), id, ts, Hris.sign(hris.secret(), id, ts, body), tampered)
                .then().statusCode(401).contentType(PROBLEM);
        deliverRaw(hris.id(), id, ts, "v2," + Hris.sign(hris.secret(), id, ts, body).substring(3), body)
                .then().statusCode(401).contentType(PROBLEM);
        given().contentType("application/json").body(body).when().post("/v1/hris/" + hris.id() + "/events")
                .then().statusCode(401).contentType(PROBLEM);
        assertEquals(0, storedEvents(id));
        assertEquals(0, profilesWithExternalId(x));
    }

    @Test
    void staleTimestampIsRefused() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("E");
        String id = unique("msg");
        byte[] body = event("employee.created", "2026-03-01T10:00:00Z", employee(x, x + "@example.com", "A"))
                .getBytes(StandardCharsets.UTF_8);
        long old = Hris.now() - 6 * 60;
        deliverRaw(hris.id(), id, old, Hris.sign(hris.secret(), id, old, body), body)
                .then().statusCode(401).contentType(PROBLEM);
        long future = Hris.now() + 6 * 60;
        deliverRaw(hris.id(), id, future, Hris.sign(hris.secret(), id, future, body), body)
                .then().statusCode(401).contentType(PROBLEM);
        for (long far : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 99_999_999_999_999_999L}) {
            deliverRaw(hris.id(), id, far, Hris.sign(hris.secret(), id, far, body), body)
                    .then().statusCode(401).contentType(PROBLEM);
        }
        assertEquals(0, storedEvents(id));
        assertEquals(0, profilesWithExternalId(x));
    }

    @Test
    void unknownIntegrationIsNotFound() {
        Hris.Integration ghost = new Hris.Integration(UUID.randomUUID().toString(), Hris.register("standard").secret());
        deliver(ghost, unique("msg"), event("employee.created", "2026-03-01T10:00:00Z", "{}"))
                .then().statusCode(404).contentType(PROBLEM);
        deliverRaw("not-an-id", "m", Hris.now(), "v1,x", new byte[] {'{', '}'})
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void malformedBodiesAreRefusedAndNothingIsApplied() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String id = unique("msg");
        deliver(hris, id, "{not json").then().statusCode(400).contentType(PROBLEM);
        deliver(hris, id, "[1, 2]").then().statusCode(400).contentType(PROBLEM);
        String x = unique("E");
        deliver(hris, id, event("employee.promoted", "2026-03-01T10:00:00Z", employee(x, x + "@example.com", "A")))
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("type"));
        deliver(hris, id, event("employee.created", "yesterday", employee(x, "not-an-email", "A")))
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", org.hamcrest.Matchers.hasItems("occurredAt", "employee.email"));
        assertEquals(0, storedEvents(id));
        assertEquals(0, profilesWithExternalId(x));
    }

    @Test
    void bodiesWithMoreThanOneValueOrValuesOfTheWrongTypeAreRefused() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("E");
        String created = event("employee.created", "2026-03-01T10:00:00Z", employee(x, x + "@example.com", "A"));
        String terminated = event("employee.terminated", "2026-03-02T10:00:00Z", "{\"externalId\":\"" + x + "\"}");
        String[] refused = {created + " trailing", created + terminated, created + ","};
        for (String body : refused) {
            String id = unique("msg");
            deliver(hris, id, body).then().statusCode(400).contentType(PROBLEM);
            assertEquals(0, storedEvents(id), body);
        }
        String id = unique("msg");
        deliver(hris, id, "{\"type\":[\"employee.created\"],\"occurredAt\":[\"2026-03-01T00:00:00Z\"],\"employee\":"
                + "{\"externalId\":{\"id\":\"" + x + "\"},\"email\":[\"" + x + "@example.com\"],"
                + "\"displayName\":{\"first\":\"Ada\"},\"jobTitle\":true,\"languages\":[\"en\",null]}}")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", org.hamcrest.Matchers.hasItems("type", "occurredAt", "employee.externalId",
                        "employee.email", "employee.displayName", "employee.jobTitle", "employee.languages"));
        assertEquals(0, storedEvents(id));
        assertEquals(0, profilesWithExternalId(x));
        // A number is a value as written (employee ids often are), and languages may be an array of strings.
        String n = String.valueOf(System.nanoTime());
        Hris.expect(hris, "employee.created", "2026-03-01T10:00:00Z", "{\"externalId\":" + n + ",\"email\":\"n" + n
                + "@example.com\",\"displayName\":\"Emp " + n + "\",\"level\":7,\"languages\":[\"de\",\"en\"]}", "applied");
        assertEquals(1, profilesWithExternalId(n));
    }

    @Test
    void anEventDatedAheadOrOutOfRangeIsRefusedAndLocksNobodyOut() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("E");
        Hris.expect(hris, "employee.created", "2026-03-01T10:00:00Z", employee(x, x + "@example.com", "Analyst"), "applied");
        String ahead = java.time.Instant.now().plus(java.time.Duration.ofMinutes(10)).toString();
        for (String occurredAt : new String[] {"2099-01-01T00:00:00Z", ahead, "1999-12-31T23:59:59Z",
                "-100000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z"}) {
            String id = unique("msg");
            deliver(hris, id, event("employee.updated", occurredAt, "{\"externalId\":\"" + x + "\",\"jobTitle\":\"CEO\"}"))
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("occurredAt"));
            assertEquals(0, storedEvents(id), occurredAt);
        }
        // Within the clock tolerance an event is taken; and later real changes still apply.
        String soon = java.time.Instant.now().plus(java.time.Duration.ofMinutes(2)).toString();
        Hris.expect(hris, "employee.updated", "2026-04-01T10:00:00Z", "{\"externalId\":\"" + x + "\",\"jobTitle\":\"Lead\"}", "applied");
        assertEquals("Lead", profileOf(x).get("jobTitle"));
        Hris.expect(hris, "employee.updated", soon, "{\"externalId\":\"" + x + "\",\"jobTitle\":\"Head\"}", "applied");
        assertEquals("Head", profileOf(x).get("jobTitle"));
    }

    @Test
    void fieldsTheProfileApiWouldRefuseAreRefusedHereToo() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("E");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("\"").append((char) ('a' + i / 26)).append((char) ('a' + i % 26)).append("\"");
        }
        String id = unique("msg");
        deliver(hris, id, event("employee.created", "2026-03-01T10:00:00Z", "{\"externalId\":\"" + x + "\",\"email\":\""
                + x + "@example..com\",\"displayName\":\"Emp\\u0000" + x + "\",\"gradeLabel\":\"" + "g".repeat(101)
                + "\",\"timeZone\":\"+02:00\",\"languages\":[" + many + "],\"managerExternalId\":\"" + "m".repeat(101) + "\"}"))
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", org.hamcrest.Matchers.hasItems("employee.email", "employee.displayName",
                        "employee.gradeLabel", "employee.timeZone", "employee.languages", "employee.managerExternalId"));
        assertEquals(0, storedEvents(id));
        assertEquals(0, profilesWithExternalId(x));
    }

    /** Posts to an integration's receiver over a plain socket ({@link RawHttp}); returns the answer's status line. */
    private static String rawPost(String integrationId, String headers, RawHttp.Wire body) throws java.io.IOException {
        return RawHttp.statusLine("POST", "/v1/hris/" + integrationId + "/events",
                "Content-Type: application/json\r\n" + headers, body);
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Hris.Integration hris = Hris.register("standard");
        // The length alone says too much: 413 without the body being sent in full (or its signature looked at).
        String status = rawPost(hris.id(), "Content-Length: 10000000\r\nwebhook-id: m\r\nwebhook-timestamp: " + Hris.now()
                + "\r\nwebhook-signature: v1,x\r\n", out -> out.write('{'));
        assertTrue(status != null && status.startsWith("HTTP/1.1 413"), status);
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimitWithoutBeingReadToItsEnd() throws Exception {
        Hris.Integration hris = Hris.register("standard");
        String id = unique("msg");
        // A third more than the limit (256 KiB), in chunks, and never the chunk that ends the body: a receiver that
        // read the body to its end before answering would still be waiting when the socket times out.
        byte[] piece = "x".repeat(16 * 1024).getBytes(StandardCharsets.UTF_8);
        String status = rawPost(hris.id(), "Transfer-Encoding: chunked\r\nwebhook-id: " + id + "\r\nwebhook-timestamp: "
                + Hris.now() + "\r\nwebhook-signature: v1,x\r\n", out -> {
                    for (int i = 0; i < 22; i++) {
                        RawHttp.chunk(out, piece, 0, piece.length);
                    }
                });
        assertTrue(status != null && status.startsWith("HTTP/1.1 413"), status);
        assertEquals(0, storedEvents(id));
    }

    @Test
    void aChunkedBodyWithinTheLimitIsApplied() throws Exception {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("E");
        byte[] body = event("employee.created", "2026-03-01T10:00:00Z", employee(x, x + "@example.com", "Analyst"))
                .getBytes(StandardCharsets.UTF_8);
        String id = unique("msg");
        long ts = Hris.now();
        // The signed bytes in two chunks, then the chunk that ends the body.
        String status = rawPost(hris.id(), "Transfer-Encoding: chunked\r\nwebhook-id: " + id + "\r\nwebhook-timestamp: "
                + ts + "\r\nwebhook-signature: " + Hris.sign(hris.secret(), id, ts, body) + "\r\n", out -> {
                    RawHttp.chunk(out, body, 0, body.length / 2);
                    RawHttp.chunk(out, body, body.length / 2, body.length);
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                });
        assertTrue(status != null && status.startsWith("HTTP/1.1 200"), status);
        assertEquals(1, storedEvents(id));
        assertEquals(1, profilesWithExternalId(x));
    }

    @Test
    void oversizedBodyIsRefused() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String id = unique("msg");
        String x = unique("E");
        String padding = "x".repeat(300_000);
        String body = event("employee.created", "2026-03-01T10:00:00Z",
                "{\"externalId\":\"" + x + "\",\"email\":\"" + x + "@example.com\",\"displayName\":\"" + padding + "\"}");
        deliver(hris, id, body).then().statusCode(413).contentType(PROBLEM);
        assertEquals(0, storedEvents(id));
        assertEquals(0, profilesWithExternalId(x));
    }

    @Test
    void olderEventAfterNewerNeverOverwritesIt() {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("E");
        Hris.expect(hris, "employee.created", "2026-03-01T10:00:00Z", employee(x, x + "@example.com", "Junior"), "applied");
        Hris.expect(hris, "employee.updated", "2026-03-05T10:00:00Z", "{\"externalId\":\"" + x + "\",\"jobTitle\":\"Senior\"}", "applied");
        Hris.expect(hris, "employee.updated", "2026-03-03T10:00:00Z", "{\"externalId\":\"" + x + "\",\"jobTitle\":\"Mid\"}", "stale");
        Map<String, Object> profile = profileOf(x);
        assertEquals("Senior", profile.get("jobTitle"));
        assertEquals("Finance", profile.get("department"));
    }

    @Test
    void eventsDatedTheSameInstantWithoutASequenceAreAppliedInTheOrderTheyArrive() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("E");
        // An HRIS that dates changes by the day: the update and the termination of one day, sent in that order.
        Hris.expect(hris, "employee.created", "2026-03-01T00:00:00Z", employee(x, x + "@example.com", "Junior"), "applied");
        Hris.expect(hris, "employee.updated", "2026-03-31T00:00:00Z", "{\"externalId\":\"" + x + "\",\"jobTitle\":\"Senior\"}", "applied");
        Hris.expect(hris, "employee.terminated", "2026-03-31T00:00:00Z", "{\"externalId\":\"" + x + "\"}", "applied");
        Map<String, Object> profile = profileOf(x, "terminated");
        assertEquals("Senior", profile.get("jobTitle"));
        assertEquals(List.of("mentoring.profile.created.v1 active", "mentoring.profile.updated.v1 active",
                "mentoring.profile.deactivated.v1 terminated"), publishedAbout(x));
        // A sequence still orders facts of one instant: one without a sequence ranks below one with.
        deliver(hris, unique("msg"), "{\"type\":\"employee.updated\",\"occurredAt\":\"2026-04-01T00:00:00Z\","
                + "\"sequence\":5,\"employee\":{\"externalId\":\"" + x + "\",\"jobTitle\":\"Principal\"}}")
                .then().statusCode(200).body("outcome", equalTo("applied"));
        Hris.expect(hris, "employee.updated", "2026-04-01T00:00:00Z", "{\"externalId\":\"" + x + "\",\"jobTitle\":\"Lead\"}",
                "stale");
        assertEquals("Principal", profileOf(x, "terminated").get("jobTitle"));
    }

    private List<String> emailsOf(String externalId) throws SQLException {
        return texts("SELECT coalesce(email, '(none)') || ' ' || status || ' v' || version FROM profile "
                + "WHERE external_id = ?", externalId);
    }

    @Test
    void theAddressOfSomeoneWhoLeftGoesToWhoeverTheHrisGivesItToNext() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String leaver = unique("E");
        String hire = unique("E");
        String mover = unique("E");
        String address = unique("shared") + "@example.com";
        Hris.expect(hris, "employee.created", "2026-03-01T10:00:00Z", employee(leaver, address, "Analyst"), "applied");
        Hris.expect(hris, "employee.terminated", "2026-04-01T10:00:00Z", "{\"externalId\":\"" + leaver + "\"}", "applied");
        // The address is reused: a new hire (or the leaver rehired under another employee id) gets it.
        Hris.expect(hris, "employee.created", "2026-05-01T10:00:00Z", employee(hire, address.toUpperCase(), "Analyst"),
                "applied");
        assertEquals(List.of(address.toUpperCase() + " active v1"), emailsOf(hire));
        // The leaver's profile lets it go, says so in an event of its own, and is kept otherwise.
        assertEquals(List.of("(none) terminated v3"), emailsOf(leaver));
        assertEquals(List.of("mentoring.profile.created.v1 active", "mentoring.profile.deactivated.v1 terminated",
                "mentoring.profile.updated.v1 terminated"), publishedAbout(leaver));
        assertEquals(List.of(""), texts("SELECT coalesce(o.data::jsonb ->> 'email', '') FROM outbox o JOIN profile p "
                + "ON o.record_key = p.id::text WHERE p.external_id = ? AND o.type = 'mentoring.profile.updated.v1'", leaver));
        // An employee already known takes such an address by an update just the same.
        Hris.expect(hris, "employee.created", "2026-05-01T10:00:00Z", employee(mover, mover + "@example.com", "Analyst"),
                "applied");
        Hris.expect(hris, "employee.terminated", "2026-05-02T10:00:00Z", "{\"externalId\":\"" + hire + "\"}", "applied");
        Hris.expect(hris, "employee.updated", "2026-05-03T10:00:00Z", "{\"externalId\":\"" + mover + "\",\"email\":\""
                + address + "\"}", "applied");
        assertEquals(List.of(address + " active v2"), emailsOf(mover));
        assertEquals(List.of("(none) terminated v3"), emailsOf(hire));
    }

    @Test
    void theAddressOfSomeoneStillEmployedIsAConflictAndNothingOfTheEventIsKept() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String holder = unique("E");
        String other = unique("E");
        String address = unique("held") + "@example.com";
        Hris.expect(hris, "employee.created", "2026-03-01T10:00:00Z", employee(holder, address, "Analyst"), "applied");
        Hris.expect(hris, "employee.on_leave", "2026-03-02T10:00:00Z", "{\"externalId\":\"" + holder + "\"}", "applied");
        Hris.expect(hris, "employee.created", "2026-03-01T10:00:00Z", employee(other, other + "@example.com", "Analyst"),
                "applied");
        for (String body : List.of(employee(unique("E"), address, "Analyst"),
                "{\"externalId\":\"" + other + "\",\"email\":\"" + address.toUpperCase() + "\",\"jobTitle\":\"Lead\"}")) {
            String id = unique("msg");
            deliver(hris, id, event("employee.updated", "2026-03-05T10:00:00Z", body))
                    .then().statusCode(409).contentType(PROBLEM).body("detail", org.hamcrest.Matchers.containsString("email"));
            assertEquals(0, storedEvents(id));
        }
        assertEquals(List.of(address + " on_leave v2"), emailsOf(holder));
        assertEquals(List.of(other + "@example.com active v1"), emailsOf(other));
    }

    @Test
    void anUpdateThatOvertakesTheCreationIsHeldAndAppliedAfterIt() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("E");
        // The update (a promotion on the 2nd) arrives before the creation (the 1st) it follows; it names neither an
        // email nor a display name, so it cannot create the profile itself.
        Hris.expect(hris, "employee.updated", "2026-05-02T09:00:00Z", "{\"externalId\":\"" + x + "\",\"jobTitle\":\"Senior\"}",
                "unknown_employee");
        assertEquals(0, profilesWithExternalId(x));
        Hris.expect(hris, "employee.created", "2026-05-01T09:00:00Z", employee(x, x + "@example.com", "Junior"), "applied");
        assertEquals("Senior", profileOf(x).get("jobTitle"));
        assertEquals(List.of("employee.created applied", "employee.updated applied"), outcomes(x));
        assertEquals(List.of("mentoring.profile.created.v1 active", "mentoring.profile.updated.v1 active"), publishedAbout(x));
    }

    @Test
    void anExplicitNullRemovesAFieldAndAFieldLeftOutStaysAsItIs() {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("E");
        String boss = unique("B");
        deliver(hris, unique("msg"), event("employee.created", "2026-07-01T08:00:00Z", employee(boss, boss + "@example.com", "Head")))
                .then().statusCode(200);
        Hris.expect(hris, "employee.created", "2026-07-01T09:00:00Z",
                "{\"externalId\":\"" + x + "\",\"email\":\"" + x + "@example.com\",\"displayName\":\"Emp " + x
                        + "\",\"jobTitle\":\"Analyst\",\"department\":\"Finance\",\"level\":4,\"gradeLabel\":\"P4\","
                        + "\"languages\":[\"fr\"],\"hireDate\":\"2020-01-06\",\"managerExternalId\":\"" + boss + "\"}", "applied");
        Hris.expect(hris, "employee.updated", "2026-07-02T09:00:00Z",
                "{\"externalId\":\"" + x + "\",\"jobTitle\":null,\"level\":null,\"gradeLabel\":null,"
                        + "\"managerExternalId\":null,\"department\":\"Sales\",\"email\":null,\"displayName\":null}", "applied");
        Map<String, Object> profile = profileOf(x);
        assertEquals(null, profile.get("jobTitle"));
        assertEquals(null, profile.get("level"));
        assertEquals(null, profile.get("gradeLabel"));
        assertEquals(null, profile.get("managerId"));
        assertEquals("Sales", profile.get("department"));
        // Left out: kept. An id, email and name are never removed, a null there changes nothing.
        assertEquals(List.of("fr"), profile.get("languages"));
        assertEquals("2020-01-06", profile.get("hireDate"));
        assertEquals(x + "@example.com", profile.get("email"));
        assertEquals("Emp " + x, profile.get("displayName"));
        Hris.expect(hris, "employee.updated", "2026-07-03T09:00:00Z",
                "{\"externalId\":\"" + x + "\",\"languages\":[],\"hireDate\":null}", "applied");
        profile = profileOf(x);
        assertEquals(List.of(), profile.get("languages"));
        assertEquals(null, profile.get("hireDate"));
    }

    @Inject
    org.mentoring.profile.hris.WebhookReceiver receiver;

    private void hold(Hris.Integration hris, String webhookId, String externalId, String body) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO hris_event (integration_id, webhook_id, event_type, external_id, effective_at, body, outcome) "
                        + "VALUES (?::uuid, ?, 'employee.terminated', ?, '2026-09-02T09:00:00Z', ?, 'unknown_employee')")) {
            s.setString(1, hris.id());
            s.setString(2, webhookId);
            s.setString(3, externalId);
            s.setBytes(4, body.getBytes(StandardCharsets.UTF_8));
            s.executeUpdate();
        }
    }

    @Test
    void heldEventsThatACreationRacedPastAreCaughtUpWith() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("E");
        String profileId = deliver(hris, unique("msg"), event("employee.created", "2026-09-01T09:00:00Z",
                        employee(x, x + "@example.com", "Analyst")))
                .then().statusCode(200).body("outcome", equalTo("applied")).extract().path("profileId");
        // As a termination recorded by a transaction that could not see the creation yet leaves it; and one whose body
        // (read with today's field mapping) is about someone else.
        String terminated = unique("msg");
        hold(hris, terminated, x, event("employee.terminated", "2026-09-02T09:00:00Z", "{\"externalId\":\"" + x + "\"}"));
        String elsewhere = unique("msg");
        hold(hris, elsewhere, x, event("employee.terminated", "2026-09-02T09:00:00Z", "{\"externalId\":\"other-" + x + "\"}"));
        receiver.applyHeldOfKnownEmployees();
        as(hrAdmin()).when().get("/v1/profiles/" + profileId).then().statusCode(200).body("status", equalTo("terminated"));
        assertEquals(List.of("employee.created applied", "employee.terminated applied", "employee.terminated refused"),
                outcomes(x).stream().sorted().toList());
        assertEquals(List.of("mentoring.profile.created.v1 active", "mentoring.profile.deactivated.v1 terminated"),
                publishedAbout(x));
    }

    /** The first column of a query with one text parameter, row by row. */
    private List<String> texts(String sql, String parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            List<String> found = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }
    }

    private List<String> outcomes(String externalId) throws SQLException {
        return texts("SELECT event_type || ' ' || outcome FROM hris_event WHERE external_id = ? ORDER BY effective_at",
                externalId);
    }

    private List<String> publishedAbout(String externalId) throws SQLException {
        return texts("SELECT o.type || ' ' || (o.data::jsonb ->> 'status') FROM outbox o "
                + "JOIN profile p ON o.record_key = p.id::text WHERE p.external_id = ? ORDER BY o.seq", externalId);
    }

    @Test
    void aChangeThatArrivesBeforeTheEmployeeIsHeldAndAppliedWhenTheyAreCreated() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("E");
        String boss = unique("B");
        Hris.expect(hris, "employee.created", "2026-03-01T08:00:00Z", employee(boss, boss + "@example.com", "Head"), "applied");
        // Delivered out of order: the leave (09:00), the manager change (10:00) and the termination (12:00) come
        // before the creation (11:00) they follow or precede.
        Hris.expect(hris, "employee.terminated", "2026-03-01T12:00:00Z", "{\"externalId\":\"" + x + "\"}", "unknown_employee");
        Hris.expect(hris, "employee.on_leave", "2026-03-01T09:00:00Z", "{\"externalId\":\"" + x + "\"}", "unknown_employee");
        Hris.expect(hris, "employee.manager_changed", "2026-03-01T10:00:00Z",
                "{\"externalId\":\"" + x + "\",\"managerExternalId\":\"" + boss + "\"}", "unknown_employee");
        assertEquals(0, profilesWithExternalId(x));
        String profileId = deliver(hris, unique("msg"), event("employee.created", "2026-03-01T11:00:00Z",
                        employee(x, x + "@example.com", "Analyst")))
                .then().statusCode(200).body("outcome", equalTo("applied")).extract().path("profileId");
        // The leave and the manager change are older than the creation: stale. The termination is newer: applied.
        assertEquals(List.of("employee.on_leave stale", "employee.manager_changed stale", "employee.created applied",
                "employee.terminated applied"), outcomes(x));
        as(hrAdmin()).when().get("/v1/profiles/" + profileId).then().statusCode(200)
                .body("status", equalTo("terminated")).body("jobTitle", equalTo("Analyst"))
                .body("managerId", equalTo(null));
        assertEquals(List.of("mentoring.profile.created.v1 active", "mentoring.profile.deactivated.v1 terminated"),
                publishedAbout(x));
        // Held facts are applied once: a later update (older than the termination) is stale, and nothing is held.
        Hris.expect(hris, "employee.updated", "2026-03-01T11:30:00Z", "{\"externalId\":\"" + x + "\",\"jobTitle\":\"Lead\"}", "stale");
        assertEquals(2, publishedAbout(x).size());
    }

    @Test
    void aHeldManagerChangeNewerThanTheCreationIsApplied() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("E");
        String boss = unique("B");
        deliver(hris, unique("msg"), event("employee.created", "2026-04-01T08:00:00Z", employee(boss, boss + "@example.com", "Head")))
                .then().statusCode(200);
        Hris.expect(hris, "employee.manager_changed", "2026-04-02T10:00:00Z",
                "{\"externalId\":\"" + x + "\",\"managerExternalId\":\"" + boss + "\"}", "unknown_employee");
        Hris.expect(hris, "employee.created", "2026-04-01T10:00:00Z", employee(x, x + "@example.com", "Analyst"), "applied");
        assertEquals(profileOf(boss).get("id"), profileOf(x).get("managerId"));
        assertEquals(List.of("employee.created applied", "employee.manager_changed applied"), outcomes(x));
        assertEquals(List.of("mentoring.profile.created.v1 active", "mentoring.profile.updated.v1 active"), publishedAbout(x));
    }

    @Test
    void managerChangesLeaveAndTermination() {
        Hris.Integration hris = Hris.register("standard");
        String boss = unique("B");
        String x = unique("E");
        deliver(hris, unique("msg"), event("employee.created", "2026-03-01T10:00:00Z",
                "{\"externalId\":\"" + x + "\",\"email\":\"" + x + "@example.com\",\"displayName\":\"Emp " + x
                        + "\",\"managerExternalId\":\"" + boss + "\"}"))
                .then().statusCode(200);
        deliver(hris, unique("msg"), event("employee.created", "2026-03-01T10:00:00Z", employee(boss, boss + "@example.com", "Head")))
                .then().statusCode(200);
        Object bossId = profileOf(boss).get("id");
        assertEquals(bossId, profileOf(x).get("managerId"), "linked when the manager arrived");
        Hris.expect(hris, "employee.manager_changed", "2026-03-02T10:00:00Z",
                "{\"externalId\":\"" + x + "\"}", "applied");
        assertEquals(null, profileOf(x).get("managerId"));
        String profileId = (String) profileOf(x).get("id");
        deliver(hris, unique("msg"), event("employee.on_leave", "2026-03-03T10:00:00Z", "{\"externalId\":\"" + x + "\"}"))
                .then().statusCode(200);
        as(hrAdmin()).when().get("/v1/profiles/" + profileId).then().body("status", equalTo("on_leave"));
        // The record a sender attaches to a termination may carry fields this service would refuse in an update;
        // the termination, which needs only the employee id, is applied all the same.
        String flawed = "{\"externalId\":\"" + x + "\",\"email\":\"not-an-email\",\"timeZone\":\"Mars/Olympus\"}";
        deliver(hris, unique("msg"), event("employee.updated", "2026-03-04T09:00:00Z", flawed))
                .then().statusCode(400).contentType(PROBLEM);
        Hris.expect(hris, "employee.terminated", "2026-03-04T10:00:00Z", flawed, "applied");
        as(hrAdmin()).when().get("/v1/profiles/" + profileId).then().body("status", equalTo("terminated"))
                .body("email", equalTo(x + "@example.com"));
        deliver(hris, unique("msg"), event("employee.terminated", "2026-03-05T10:00:00Z", "{\"email\":\"x@example.com\"}"))
                .then().statusCode(400).contentType(PROBLEM);
        as(hrAdmin()).queryParam("q", "Emp " + x).when().get("/v1/profiles").then().body("items", hasSize(0));
        Hris.expect(hris, "employee.terminated", "2026-03-04T10:00:00Z", "{\"externalId\":\"" + unique("nobody") + "\"}", "unknown_employee");
    }
}
