package org.mentoring.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mentoring.profile.Api.PROBLEM;
import static org.mentoring.profile.Api.as;
import static org.mentoring.profile.Api.employee;
import static org.mentoring.profile.Api.hrAdmin;
import static org.mentoring.profile.Api.unique;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mentoring.platform.events.ReceivedEvent;
import org.mentoring.platform.testing.ContractValidation;
import org.mentoring.platform.testing.MentoringTestResource;
import org.mentoring.profile.webhook.WebhookFeed;

@QuarkusTest
@ExtendWith(ContractValidation.class)
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class PersonalDataTest {

    @Inject
    DataSource dataSource;

    @Inject
    WebhookFeed feed;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    /** A person who came in by HRIS webhook, so that raw deliveries about them are held too. */
    private String personFromHris(String externalId, String email) {
        Hris.Integration hris = Hris.register("standard");
        Hris.deliver(hris, unique("msg"), Hris.event("employee.created", "2026-02-01T09:00:00Z",
                        "{\"externalId\":\"" + externalId + "\",\"email\":\"" + email + "\",\"displayName\":\"Erin "
                                + externalId + "\",\"department\":\"Legal\"}"))
                .then().statusCode(200);
        return as(employee(email)).when().get("/v1/me").then().statusCode(200).extract().path("id");
    }

    @Test
    void exportHoldsEverythingAndIsForThePersonAndHrAndErasureTakesTheImportErrorsToo() throws SQLException {
        String x = unique("X");
        String email = x + "@example.com";
        String id = personFromHris(x, email);
        JsonPath refused = HrisImportTest.importAndWait(hrAdmin(), Hris.register("standard").id(), "text/csv",
                HrisImportTest.HEADER + x + "," + email + ",Erin,,,,,,not-a-level,,,,\n", "");
        assertEquals(1, refused.getInt("errorCount"), refused.prettify());
        as(employee(email)).when().get("/v1/me/export")
                .then().statusCode(200)
                .body("profile.email", equalTo(email))
                .body("profile.externalId", equalTo(x))
                .body("source.hrisIntegrationId", notNullValue())
                .body("source.hrisIntegrationName", notNullValue())
                .body("source.hrisEffectiveAt", equalTo("2026-02-01T09:00:00Z"))
                .body("hrisEvents", hasSize(1))
                .body("hrisEvents[0].body.employee.externalId", equalTo(x))
                .body("importErrors", hasSize(1))
                .body("importErrors[0].importId", equalTo(refused.getString("id")))
                .body("importErrors[0].field", equalTo("level"))
                .body("recipients", hasSize(0))
                .body("exportedAt", notNullValue());
        as(employee(email)).when().get("/v1/profiles/" + id + "/export").then().statusCode(200);
        as(hrAdmin()).when().get("/v1/profiles/" + id + "/export")
                .then().statusCode(200).body("profile.department", equalTo("Legal"));
        as(employee(unique("nosy") + "@example.com")).when().get("/v1/profiles/" + id + "/export")
                .then().statusCode(403).contentType(PROBLEM);
        as(Api.integration()).when().get("/v1/profiles/" + id + "/export")
                .then().statusCode(403).contentType(PROBLEM);
        given().when().get("/v1/profiles/" + id + "/export").then().statusCode(401).contentType(PROBLEM);
        as(hrAdmin()).when().post("/v1/profiles/" + id + "/erasure").then().statusCode(204);
        assertEquals("[]", one("SELECT errors::text FROM hris_import WHERE id = ?::uuid", refused.getString("id")), "the erased person's import errors are gone");

        as(employee(unique("ghost") + "@example.com")).when().get("/v1/me/export")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void anEmployeeIdGivenToSomeoneElseLeavesTheFirstPersonsHrisDeliveriesWithThem() {
        String first = unique("F");
        String firstEmail = first + "@example.com";
        String p1 = personFromHris(first, firstEmail);
        // HR gives the first person another employee id; the HRIS then creates someone new under the old one.
        String etag = as(hrAdmin()).when().get("/v1/profiles/" + p1).then().extract().header("ETag");
        as(hrAdmin()).contentType(Api.MERGE_PATCH).header("If-Match", etag).body("{\"externalId\": \"" + unique("G") + "\"}")
                .when().patch("/v1/profiles/" + p1).then().statusCode(200);
        String secondEmail = unique("s") + "@example.com";
        String p3 = personFromHris(first, secondEmail);
        org.junit.jupiter.api.Assertions.assertNotEquals(p1, p3);
        as(employee(secondEmail)).when().get("/v1/me/export")
                .then().statusCode(200).body("hrisEvents", hasSize(1))
                .body("hrisEvents[0].body.employee.email", equalTo(secondEmail));
        as(hrAdmin()).when().post("/v1/profiles/" + p3 + "/erasure").then().statusCode(204);
        as(employee(firstEmail)).when().get("/v1/me/export")
                .then().statusCode(200).body("hrisEvents", hasSize(1))
                .body("hrisEvents[0].body.employee.email", equalTo(firstEmail));
    }

    @Test
    void erasureLeavesOnlyADigestOfTheSubjectThatOwnsAWebhookSubscription() throws SQLException {
        String x = unique("W");
        String email = x + "@example.com";
        String id = Api.createProfile(email, java.util.Map.of("externalId", x));
        // An HR admin whose token's subject is their employee id (tokens linked by subject) subscribes, then leaves.
        String theirs = org.mentoring.platform.testing.TestTokens.bearer(x, email, "employee", "hr-admin");
        String subscription = as(theirs).contentType("application/json")
                .body(java.util.Map.of("url", "https://hooks.example.com/in", "eventTypes", java.util.List.of("mentoring.kudos.*")))
                .when().post("/v1/webhooks/subscriptions").then().statusCode(201).extract().path("id");
        try {
            // Their export names it (the host only, not the whole URL); someone else's does not.
            as(theirs).when().get("/v1/me/export").then().statusCode(200)
                    .body("ownSubscriptions.subscriptionId", contains(subscription))
                    .body("ownSubscriptions[0].host", equalTo("hooks.example.com"))
                    .body("ownSubscriptions[0].createdAt", notNullValue());
            String other = unique("o") + "@example.com";
            Api.createProfile(other);
            as(employee(other)).when().get("/v1/me/export").then().statusCode(200).body("ownSubscriptions", hasSize(0));
            as(hrAdmin()).when().post("/v1/profiles/" + id + "/erasure").then().statusCode(204);
            Object owner = one("SELECT owner FROM webhook_subscription WHERE id = ?::uuid", subscription);
            assertFalse(String.valueOf(owner).contains(x), String.valueOf(owner));
            assertTrue(String.valueOf(owner).startsWith("erased:"), String.valueOf(owner));
            as(hrAdmin()).when().get("/v1/webhooks/subscriptions/" + subscription).then().statusCode(200);
        } finally {
            as(hrAdmin()).when().delete("/v1/webhooks/subscriptions/" + subscription).then().statusCode(204);
        }
    }

    @Test
    void aSubscriptionMadeWithATokenWhoseSubjectIsAnIdentityProvidersOwnIdIsFoundByTheProfileItLinkedTo() throws SQLException {
        String email = unique("kc") + "@example.com";
        String id = Api.createProfile(email);
        // Linked by email (the default); the subject is the identity provider's user id, neither employee id nor email.
        String subject = "idp-" + UUID.randomUUID();
        String theirs = org.mentoring.platform.testing.TestTokens.bearer(subject, email, "employee", "hr-admin");
        java.util.List<String> made = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            made.add(as(theirs).contentType("application/json")
                    .body(java.util.Map.of("url", "https://hooks.example.com/in" + i, "eventTypes", java.util.List.of("mentoring.kudos.*")))
                    .when().post("/v1/webhooks/subscriptions").then().statusCode(201).extract().path("id"));
        }
        try {
            as(hrAdmin()).when().get("/v1/profiles/" + id + "/export").then().statusCode(200)
                    .body("ownSubscriptions.subscriptionId", org.hamcrest.Matchers.containsInAnyOrder(made.toArray()));
            as(hrAdmin()).when().post("/v1/profiles/" + id + "/erasure").then().statusCode(204);
            assertEquals(0, count("SELECT count(*) FROM webhook_subscription WHERE owner = ? OR owner_profile_id = ?::uuid",
                    subject, id));
            // One mark for both, so they still belong together; nothing of the subject in it.
            assertEquals(1, count("SELECT count(DISTINCT owner) FROM webhook_subscription WHERE id IN (?::uuid, ?::uuid) "
                    + "AND owner LIKE 'erased:%'", made.get(0), made.get(1)));
            as(hrAdmin()).when().get("/v1/webhooks/subscriptions/" + made.get(0)).then().statusCode(200);
        } finally {
            for (String subscription : made) {
                as(hrAdmin()).when().delete("/v1/webhooks/subscriptions/" + subscription).then().statusCode(204);
            }
        }
    }

    @Test
    void erasureDropsTheDigestOfThePersonsLastHrisRow() throws SQLException {
        String y = unique("Y");
        JsonPath job = HrisImportTest.importAndWait(hrAdmin(), Hris.register("standard").id(), "text/csv",
                HrisImportTest.HEADER + y + "," + y + "@example.com,Yann,,,,,,,,,,\n", "");
        assertEquals(1, job.getInt("created"), job.prettify());
        String id = (String) one("SELECT id::text FROM profile WHERE external_id = ?", y);
        assertEquals(1, count("SELECT count(*) FROM profile WHERE id = ?::uuid AND hris_row_digest IS NOT NULL", id));
        as(hrAdmin()).when().post("/v1/profiles/" + id + "/erasure").then().statusCode(204);
        assertEquals(0, count("SELECT count(*) FROM profile WHERE id = ?::uuid AND (hris_row_digest IS NOT NULL "
                + "OR hris_row_version IS NOT NULL)", id));
    }

    @Test
    void erasureLeavesOnlyATombstone() throws SQLException {
        String x = unique("X");
        String email = x + "@example.com";
        String id = personFromHris(x, email);
        as(employee(email)).when().post("/v1/profiles/" + id + "/erasure").then().statusCode(403).contentType(PROBLEM);
        as(Api.integration()).when().post("/v1/profiles/" + id + "/erasure").then().statusCode(403).contentType(PROBLEM);
        given().when().post("/v1/profiles/" + id + "/erasure").then().statusCode(401).contentType(PROBLEM);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO dead_letter"
                + " (id, event_id, type, topic, kafka_partition, kafka_offset, record_key, headers, payload, reason,"
                + " attempts) VALUES (gen_random_uuid(), ?, 'mentoring.profile.updated.v1', 'mentoring.profile.v1', 0, 0,"
                + " ?, '{}', convert_to(?, 'UTF8'), 'test', 1)")) {
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, id);
            s.setString(3, "{\"email\":\"" + email + "\"}");
            s.executeUpdate();
        }
        as(hrAdmin()).when().post("/v1/profiles/" + id + "/erasure").then().statusCode(204);
        assertEquals(0, count("SELECT count(*) FROM dead_letter WHERE record_key = ?", id), "their dead letters are gone");

        as(hrAdmin()).when().get("/v1/profiles/" + id).then().statusCode(404).contentType(PROBLEM);
        as(hrAdmin()).when().get("/v1/profiles/" + id + "/export").then().statusCode(404).contentType(PROBLEM);
        as(employee(email)).when().get("/v1/me").then().statusCode(404).contentType(PROBLEM);
        as(hrAdmin()).when().post("/v1/profiles/" + id + "/erasure").then().statusCode(404).contentType(PROBLEM);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT email, display_name, external_id, department, status FROM profile WHERE id = ?")) {
                s.setObject(1, UUID.fromString(id));
                try (ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next(), "the id stays as a tombstone");
                    assertNull(rs.getString("email"));
                    assertNull(rs.getString("display_name"));
                    assertNull(rs.getString("external_id"));
                    assertNull(rs.getString("department"));
                    assertEquals("erased", rs.getString("status"));
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM hris_event WHERE external_id = ?")) {
                s.setString(1, x);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "raw HRIS deliveries about the person are gone");
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox WHERE strpos(data, ?) > 0")) {
                s.setString(1, email);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "no event in the outbox still carries the person's email");
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT type FROM outbox WHERE record_key = ? ORDER BY seq")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("mentoring.profile.erased.v1", rs.getString(1), "only the erasure event remains");
                    assertFalse(rs.next());
                }
            }
        }
    }

    @Test
    void deletingPersonalDataIsTheSameErasure() {
        String email = unique("del") + "@example.com";
        String id = Api.createProfile(email);
        as(employee(email)).when().delete("/v1/profiles/" + id + "/personal-data").then().statusCode(403);
        as(hrAdmin()).when().delete("/v1/profiles/" + id + "/personal-data").then().statusCode(204);
        as(hrAdmin()).when().get("/v1/profiles/" + id).then().statusCode(404).contentType(PROBLEM);
        as(hrAdmin()).when().delete("/v1/profiles/" + UUID.randomUUID() + "/personal-data")
                .then().statusCode(404).contentType(PROBLEM);
    }

    private long count(String sql, Object... args) throws SQLException {
        return ((Number) one(sql, args)).longValue();
    }

    /** The one value a query answers. */
    private Object one(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }

    private static String employeeJson(String externalId, String manager) {
        return "{\"externalId\":\"" + externalId + "\",\"email\":\"" + externalId + "@example.com\",\"displayName\":"
                + "\"Erin " + externalId + "\"" + (manager == null ? "" : ",\"managerExternalId\":\"" + manager + "\"") + "}";
    }

    @Test
    void anErasedPersonStaysErasedWhateverTheHrisSendsUntilHrCreatesThemAgain() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String x = unique("X");
        String report = unique("R");
        Hris.deliver(hris, unique("msg"), Hris.event("employee.created", "2026-02-01T09:00:00Z", employeeJson(x, null)))
                .then().statusCode(200).body("outcome", equalTo("applied"));
        Hris.deliver(hris, unique("msg"), Hris.event("employee.created", "2026-02-01T09:00:00Z", employeeJson(report, x)))
                .then().statusCode(200).body("outcome", equalTo("applied"));
        String id = as(employee(x + "@example.com")).when().get("/v1/me").then().statusCode(200).extract().path("id");
        var before = as(employee(report + "@example.com")).when().get("/v1/me").then().statusCode(200)
                .body("managerId", equalTo(id)).extract();
        String reportId = before.path("id");

        as(hrAdmin()).when().post("/v1/profiles/" + id + "/erasure").then().statusCode(204);

        // The report no longer names the erased person, was published as changed, and can edit their profile.
        var after = as(employee(report + "@example.com")).when().get("/v1/me").then().statusCode(200)
                .body("managerId", nullValue()).extract();
        assertEquals(0, count("SELECT count(*) FROM profile WHERE manager_external_id = ?", x));
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE record_key = ? AND type = 'mentoring.profile.updated.v1'"
                + " AND data::jsonb -> 'managerId' IS NULL AND seq > (SELECT max(seq) FROM outbox WHERE record_key = ?"
                + " AND type = 'mentoring.profile.created.v1')", reportId, reportId));
        as(employee(report + "@example.com")).contentType("application/merge-patch+json")
                .header("If-Match", after.header("ETag")).body("{\"bio\": \"Still here\"}")
                .when().patch("/v1/me").then().statusCode(200).body("bio", equalTo("Still here"));

        // A later webhook about the person is acknowledged as erased and kept without its body.
        String late = unique("msg");
        Hris.deliver(hris, late, Hris.event("employee.updated", "2026-03-01T09:00:00Z", employeeJson(x, null)))
                .then().statusCode(200).body("outcome", equalTo("erased"));
        assertEquals(1, count("SELECT count(*) FROM hris_event WHERE webhook_id = ? AND outcome = 'erased'"
                + " AND external_id IS NULL AND length(body) = 0", late));
        Hris.deliver(hris, unique("msg"), Hris.event("employee.manager_changed", "2026-03-01T09:00:00Z",
                employeeJson(report, x))).then().statusCode(200).body("outcome", equalTo("applied"));
        assertEquals(0, count("SELECT count(*) FROM profile WHERE external_id = ? OR manager_external_id = ?", x, x));

        // So is a full sync that still lists them, and a newcomer naming them as manager.
        String newcomer = unique("N");
        JsonPath job = HrisImportTest.importAndWait(hrAdmin(), hris.id(), "text/csv", HrisImportTest.HEADER
                + x + "," + x + "@example.com,Erin,,,,,,,,,,\n"
                + newcomer + "," + newcomer + "@example.com,Nell,,,,,,,," + x + ",,\n", "");
        assertEquals("completed", job.getString("status"), job.prettify());
        assertEquals(1, job.getInt("erased"));
        assertEquals(1, job.getInt("created"));
        assertEquals(0, job.getInt("errorCount"));
        assertEquals(0, count("SELECT count(*) FROM profile WHERE external_id = ? OR manager_external_id = ?", x, x));
        assertEquals(1, count("SELECT count(*) FROM profile WHERE external_id = ? AND manager_id IS NULL", newcomer));
        // A row of theirs with a flaw is not kept as an error (it would hold their employee id); it counts as erased.
        JsonPath flawed = HrisImportTest.importAndWait(hrAdmin(), hris.id(), "text/csv", HrisImportTest.HEADER
                + x + "," + x + "@example.com,Erin,,,,,,high,,,,\n", "");
        assertEquals(1, flawed.getInt("erased"), flawed.prettify());
        assertEquals(0, flawed.getInt("errorCount"));
        assertEquals(0, count("SELECT count(*) FROM hris_import WHERE strpos(errors::text, ?) > 0", x));
        // Someone who has a manager and is then said to report to the erased person is left without one.
        HrisImportTest.importAndWait(hrAdmin(), hris.id(), "text/csv", HrisImportTest.HEADER
                + newcomer + "," + newcomer + "@example.com,Nell,,,,,,,," + report + ",,\n", "");
        assertEquals(1, count("SELECT count(*) FROM profile WHERE external_id = ? AND manager_id = ?::uuid", newcomer,
                reportId));
        JsonPath reassigned = HrisImportTest.importAndWait(hrAdmin(), hris.id(), "text/csv", HrisImportTest.HEADER
                + newcomer + "," + newcomer + "@example.com,Nell,,,,,,,," + x + ",,\n", "");
        assertEquals(1, reassigned.getInt("updated"), reassigned.prettify());
        assertEquals(0, reassigned.getInt("unchanged"));
        assertEquals(1, count("SELECT count(*) FROM profile WHERE external_id = ? AND manager_id IS NULL"
                + " AND manager_external_id IS NULL", newcomer));

        // The HRIS's own API path is refused; HR creating them again is the way back, and lifts the rule.
        as(Api.integration()).contentType("application/json")
                .body(java.util.Map.of("externalId", x, "email", x + "@example.com", "displayName", "Erin"))
                .when().post("/v1/profiles").then().statusCode(409).contentType(PROBLEM);
        Api.createProfile(x + "@example.com", java.util.Map.of("externalId", x));
        Hris.deliver(hris, unique("msg"), Hris.event("employee.updated", "2026-04-01T09:00:00Z", employeeJson(x, null)))
                .then().statusCode(200).body("outcome", equalTo("applied"));
        assertEquals(0, count("SELECT count(*) FROM erased_employee WHERE digest = sha256(convert_to(? || ?, 'UTF8'))",
                "mentoring:erased-employee:v1:", x));
    }

    @Test
    void erasureDropsThePersonsWebhookDeliveriesAndKeepsOthersThatNameThem() throws SQLException {
        String managerId = Api.createProfile(unique("boss") + "@example.com");
        String reportId = Api.createProfile(unique("rep") + "@example.com", java.util.Map.of("managerId", managerId));
        UUID subscription = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_subscription (id, owner, url, event_types,"
                    + " active, secret, created_at, secret_rotated_at) VALUES (?, 'test', 'https://hooks.example.com/in',"
                    + " 'mentoring.profile.*', false, 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdA==', now(), now())")) {
                s.setObject(1, subscription);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_delivery (id, subscription_id, event_id,"
                    + " event_type, body, status) VALUES (gen_random_uuid(), ?, ?, 'mentoring.profile.updated.v1', ?,"
                    + " 'delivered')")) {
                for (String[] event : new String[][] {{managerId, "{}"}, {reportId, "{\"managerId\":\"" + managerId + "\"}"}}) {
                    s.setObject(1, subscription);
                    s.setString(2, UUID.randomUUID().toString());
                    s.setString(3, "{\"specversion\":\"1.0\",\"type\":\"mentoring.profile.updated.v1\",\"subject\":\""
                            + event[0] + "\",\"data\":" + event[1] + "}");
                    s.executeUpdate();
                }
            }
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO"
                + " webhook_delivery (id, subscription_id, event_id, event_type, subject, body, status, delivered_at)"
                + " VALUES (gen_random_uuid(), ?, ?, 'mentoring.profile.updated.v1', ?, '{}', 'delivered', now())")) {
            s.setObject(1, subscription);
            s.setString(2, UUID.randomUUID().toString());
            s.setString(3, managerId);
            s.executeUpdate();
        }
        // Sent too, though not taken: a delivery the receiver refused (400), and one still being retried after a
        // timeout. One queued but never sent is not.
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO"
                + " webhook_delivery (id, subscription_id, event_id, event_type, subject, body, status, attempts,"
                + " last_attempt_at, last_status_code) VALUES (gen_random_uuid(), ?, ?, 'mentoring.profile.updated.v1', ?,"
                + " '{}', ?, ?, CASE WHEN ? > 0 THEN now() END, ?)")) {
            for (Object[] row : new Object[][] {{"failed", 1, 400}, {"pending", 2, null}, {"pending", 0, null}}) {
                s.setObject(1, subscription);
                s.setString(2, UUID.randomUUID().toString());
                s.setString(3, managerId);
                s.setString(4, (String) row[0]);
                s.setInt(5, (Integer) row[1]);
                s.setInt(6, (Integer) row[1]);
                s.setObject(7, row[2], java.sql.Types.INTEGER);
                s.executeUpdate();
            }
        }
        // All found, the one from before deliveries had a subject column and the others; the URL stays private.
        as(hrAdmin()).when().get("/v1/profiles/" + managerId + "/export").then().statusCode(200)
                .body("recipients", hasSize(1))
                .body("recipients[0].subscriptionId", equalTo(subscription.toString()))
                .body("recipients[0].host", equalTo("hooks.example.com"))
                .body("recipients[0].deliveries", equalTo(4))
                .body("recipients[0].lastSentAt", notNullValue())
                .body("recipients[0]", not(hasKey("url")));
        as(hrAdmin()).when().post("/v1/profiles/" + managerId + "/erasure").then().statusCode(204);
        assertEquals(0, count("SELECT count(*) FROM webhook_delivery WHERE subscription_id = ? AND subject = ?",
                subscription, managerId), "the erased person's delivery with a subject is gone");
        assertEquals(0, count("SELECT count(*) FROM webhook_delivery WHERE subscription_id = ? AND body::jsonb ->> 'subject' = ?",
                subscription, managerId), "the erased person's delivery is gone");
        assertEquals(1, count("SELECT count(*) FROM webhook_delivery WHERE subscription_id = ? AND body::jsonb ->> 'subject' = ?",
                subscription, reportId), "their report's delivery, which names them as manager, stays");
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM webhook_subscription WHERE id = ?")) {
            s.setObject(1, subscription);
            s.executeUpdate();
        }
    }

    @Test
    void aProfileEventConsumedAfterTheErasureIsNotQueuedForSubscribers() {
        String erasedId = Api.createProfile(unique("gone") + "@example.com");
        String liveId = Api.createProfile(unique("here") + "@example.com");
        as(hrAdmin()).when().post("/v1/profiles/" + erasedId + "/erasure").then().statusCode(204);
        // Inside a transaction that is rolled back, so that no dispatcher ever sees this subscription.
        long[] queued = new long[2];
        QuarkusTransaction.begin();
        try {
            UUID subscription = UUID.randomUUID();
            em.createNativeQuery("INSERT INTO webhook_subscription (id, owner, url, event_types, active, secret,"
                            + " created_at, secret_rotated_at) VALUES (:id, 'test', 'https://hooks.example.com/in',"
                            + " 'mentoring.profile.*', true, 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdA==', now(), now())")
                    .setParameter("id", subscription).executeUpdate();
            String[] subjects = {erasedId, liveId};
            for (int i = 0; i < 2; i++) {
                feed.apply(new ReceivedEvent(UUID.randomUUID().toString(), "mentoring.profile.updated.v1",
                        "/profile-service", subjects[i], OffsetDateTime.now(), "mentoring.profile.v1", 0, i,
                        subjects[i], "{\"id\":\"" + subjects[i] + "\",\"email\":\"someone@example.com\"}",
                        java.util.Map.of(), mapper));
                // By the subject column, which the queue fills from the event.
                queued[i] = ((Number) em.createNativeQuery("SELECT count(*) FROM webhook_delivery WHERE subscription_id = :s"
                                + " AND subject = :subject AND body::jsonb ->> 'subject' = :subject")
                        .setParameter("s", subscription).setParameter("subject", subjects[i]).getSingleResult()).longValue();
            }
        } finally {
            QuarkusTransaction.rollback();
        }
        assertEquals(0, queued[0], "nothing queued about the erased person");
        assertEquals(1, queued[1], "a live person's event is queued as before");
    }

    @Test
    void theWebhookFeedWaitsForAnErasureInProgressAndThenQueuesNothing() throws Exception {
        String id = Api.createProfile(unique("mid") + "@example.com");
        try (Connection eraser = dataSource.getConnection()) {
            // An erasure's first steps, by hand: the profile's lock, then the tombstone, not yet committed.
            eraser.setAutoCommit(false);
            try (PreparedStatement s = eraser.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('mentoring:profile'),"
                    + " hashtext(?))")) {
                s.setString(1, id);
                s.execute();
            }
            try (PreparedStatement s = eraser.prepareStatement("UPDATE profile SET status = 'erased' WHERE id = ?::uuid")) {
                s.setString(1, id);
                s.executeUpdate();
            }
            java.util.concurrent.CompletableFuture<Long> feeding = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    QuarkusTransaction.requiringNew().run(() -> {
                        UUID subscription = UUID.randomUUID();
                        em.createNativeQuery("INSERT INTO webhook_subscription (id, owner, url, event_types, active,"
                                        + " secret, created_at, secret_rotated_at) VALUES (:id, 'test',"
                                        + " 'https://hooks.example.com/in', 'mentoring.profile.*', true,"
                                        + " 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdA==', now(), now())")
                                .setParameter("id", subscription).executeUpdate();
                        feed.apply(new ReceivedEvent(UUID.randomUUID().toString(), "mentoring.profile.updated.v1",
                                "/profile-service", id, OffsetDateTime.now(), "mentoring.profile.v1", 0, 0, id,
                                "{\"id\":\"" + id + "\"}", java.util.Map.of(), mapper));
                        // Rolled back, so that no dispatcher ever sees this subscription.
                        throw new Queued(((Number) em.createNativeQuery(
                                        "SELECT count(*) FROM webhook_delivery WHERE subscription_id = :s")
                                .setParameter("s", subscription).getSingleResult()).longValue());
                    });
                    throw new IllegalStateException("not reached");
                } catch (Queued queued) {
                    return queued.count;
                }
            });
            Thread.sleep(1000);
            assertFalse(feeding.isDone(), "the feed waits while the erasure holds the profile");
            eraser.commit();
            assertEquals(0L, feeding.get(30, java.util.concurrent.TimeUnit.SECONDS), "and then queues nothing");
        }
    }

    /** Carries a count out of a transaction that it rolls back. */
    private static final class Queued extends RuntimeException {
        final long count;

        Queued(long count) {
            super(null, null, false, false);
            this.count = count;
        }
    }
}
