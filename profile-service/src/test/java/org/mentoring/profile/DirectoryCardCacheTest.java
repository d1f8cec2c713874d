package org.mentoring.profile;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mentoring.profile.Api.MERGE_PATCH;
import static org.mentoring.profile.Api.as;
import static org.mentoring.profile.Api.createProfile;
import static org.mentoring.profile.Api.employee;
import static org.mentoring.profile.Api.hrAdmin;
import static org.mentoring.profile.Api.unique;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.MentoringTestResource;
import org.mentoring.profile.profile.DirectoryCardCache;

/**
 * Directory cards served from memory: a card read once is answered without a query, and whatever changes the
 * profile (the API, SQL from another replica or an operator, an erasure) drops it, so a reader never keeps seeing
 * the old card. The person themself and HR always get the full profile from the database.
 */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class DirectoryCardCacheTest {

    @Inject
    DirectoryCardCache cards;

    @Inject
    DataSource dataSource;

    @Test
    void aCardReadOnceIsServedFromMemoryAndEveryKindOfChangeDropsIt() throws SQLException {
        awaitTrue(cards::live, "the replica hears profile changes");
        String ownerEmail = unique("card") + "@example.com";
        String id = createProfile(ownerEmail);
        String reader = readerToken();

        as(reader).when().get("/v1/profiles/" + id).then().statusCode(200)
                .body("jobTitle", equalTo("Software Engineer")).body("email", nullValue());
        assertNotNull(cards.get(UUID.fromString(id)), "the card is kept after the first read");
        as(reader).when().get("/v1/profiles/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("jobTitle", equalTo("Software Engineer")).body("email", nullValue())
                .header("Content-Type", equalTo("application/json"));

        // the person changes their bio through the API: the next read by someone else shows it
        String owner = employee(ownerEmail);
        String etag = as(owner).when().get("/v1/profiles/" + id).then().statusCode(200).extract().header("ETag");
        as(owner).contentType(MERGE_PATCH).header("If-Match", etag).body("{\"bio\":\"Happy to talk about Kafka\"}")
                .when().patch("/v1/profiles/" + id).then().statusCode(200);
        awaitTrue(() -> "Happy to talk about Kafka".equals(
                as(reader).when().get("/v1/profiles/" + id).then().statusCode(200).extract().path("bio")),
                "the reader sees the new bio");

        // another replica, or an operator, changes the row with SQL: the card is dropped all the same
        as(reader).when().get("/v1/profiles/" + id).then().statusCode(200);
        assertNotNull(cards.get(UUID.fromString(id)));
        update("UPDATE profile SET job_title = 'Staff Engineer', version = version + 1 WHERE id = ?", id);
        awaitTrue(() -> "Staff Engineer".equals(
                as(reader).when().get("/v1/profiles/" + id).then().statusCode(200).extract().path("jobTitle")),
                "the reader sees the job title changed by SQL");

        // erased by HR: gone for card readers too
        as(hrAdmin()).when().post("/v1/profiles/" + id + "/erasure").then().statusCode(204);
        awaitTrue(() -> as(reader).when().get("/v1/profiles/" + id).then().extract().statusCode() == 404,
                "the erased profile is 404 for a reader who had its card");
        assertNull(cards.get(UUID.fromString(id)));
    }

    @Test
    void thePersonThemselfAndHrGetTheFullProfileEvenWhenItsCardIsKept() {
        awaitTrue(cards::live, "the replica hears profile changes");
        String ownerEmail = unique("own") + "@example.com";
        String id = createProfile(ownerEmail);
        as(readerToken()).when().get("/v1/profiles/" + id).then().statusCode(200).body("email", nullValue());
        assertNotNull(cards.get(UUID.fromString(id)));

        as(employee(ownerEmail)).when().get("/v1/profiles/" + id).then().statusCode(200)
                .body("email", equalTo(ownerEmail)).header("ETag", notNullValue());
        as(hrAdmin()).when().get("/v1/profiles/" + id).then().statusCode(200)
                .body("email", equalTo(ownerEmail)).header("ETag", notNullValue());
        // and the wrong callers still get nothing
        as("Bearer not-a-token").when().get("/v1/profiles/" + id).then().statusCode(401);
        io.restassured.RestAssured.given().when().get("/v1/profiles/" + id).then().statusCode(401);
    }

    @Test
    void whileChangesCannotBeHeardNothingIsServedFromMemoryAndItResumesWhenHeardAgain() throws SQLException {
        awaitTrue(cards::live, "the replica hears profile changes");
        String id = createProfile(unique("lost") + "@example.com");
        String reader = readerToken();
        as(reader).when().get("/v1/profiles/" + id).then().statusCode(200);
        assertNotNull(cards.get(UUID.fromString(id)));

        // the listening connection is cut (database restart, network, failover)
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = 'profile-service change listener' AND datname = current_database()")) {
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertTrue(rs.getInt(1) >= 1, "the listening connection was found");
            }
        }
        awaitTrue(() -> !cards.live(), "the cache notices it no longer hears changes");
        assertNull(cards.get(UUID.fromString(id)), "nothing kept from before is served");
        update("UPDATE profile SET location = 'Lisbon', version = version + 1 WHERE id = ?", id);
        if (!cards.live()) {
            as(reader).when().get("/v1/profiles/" + id).then().statusCode(200).body("location", equalTo("Lisbon"));
        }

        awaitTrue(cards::live, "it listens again");
        as(reader).when().get("/v1/profiles/" + id).then().statusCode(200).body("location", equalTo("Lisbon"));
        assertNotNull(cards.get(UUID.fromString(id)), "cards are kept again");
        update("UPDATE profile SET location = 'Porto', version = version + 1 WHERE id = ?", id);
        awaitTrue(() -> "Porto".equals(
                as(reader).when().get("/v1/profiles/" + id).then().statusCode(200).extract().path("location")),
                "changes are heard on the new connection");
    }

    @Test
    void aChangeOfManyProfilesAtOnceDropsEveryCard() throws SQLException {
        awaitTrue(cards::live, "the replica hears profile changes");
        String id = createProfile(unique("many") + "@example.com");
        for (int missing = 201 - profiles(); missing > 0; missing--) {
            createProfile(unique("many") + "@example.com");
        }
        as(readerToken()).when().get("/v1/profiles/" + id).then().statusCode(200);
        assertNotNull(cards.get(UUID.fromString(id)));
        // more than 200 rows in one statement: announced as '*'
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE profile SET updated_at = updated_at WHERE id IN (SELECT id FROM profile LIMIT 300)"
                        + " OR id = ?::uuid")) {
            s.setString(1, id);
            s.executeUpdate();
        }
        awaitTrue(() -> cards.size() == 0, "every card is dropped");
    }

    private int profiles() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM profile");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String readerToken() {
        String email = unique("reader") + "@example.com";
        createProfile(email);
        return employee(email);
    }

    private void update(String sql, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(id));
            assertEquals(1, s.executeUpdate());
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting: " + what);
            }
        }
        fail("not within 20 s: " + what);
    }
}
