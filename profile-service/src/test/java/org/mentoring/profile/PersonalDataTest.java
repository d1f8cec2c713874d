package org.mentoring.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
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
class PersonalDataTest {

    @Inject
    DataSource dataSource;

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
    void exportHoldsEverythingAndIsForThePersonAndHr() {
        String x = unique("X");
        String email = x + "@example.com";
        String id = personFromHris(x, email);
        as(employee(email)).when().get("/v1/me/export")
                .then().statusCode(200)
                .body("profile.email", equalTo(email))
                .body("profile.externalId", equalTo(x))
                .body("hrisEvents", hasSize(1))
                .body("hrisEvents[0].body.employee.externalId", equalTo(x))
                .body("exportedAt", notNullValue());
        as(employee(email)).when().get("/v1/profiles/" + id + "/export").then().statusCode(200);
        as(hrAdmin()).when().get("/v1/profiles/" + id + "/export")
                .then().statusCode(200).body("profile.department", equalTo("Legal"));
        as(employee(unique("nosy") + "@example.com")).when().get("/v1/profiles/" + id + "/export")
                .then().statusCode(403).contentType(PROBLEM);
        as(Api.integration()).when().get("/v1/profiles/" + id + "/export")
                .then().statusCode(403).contentType(PROBLEM);
        given().when().get("/v1/profiles/" + id + "/export").then().statusCode(401).contentType(PROBLEM);
        as(employee(unique("ghost") + "@example.com")).when().get("/v1/me/export")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void erasureLeavesOnlyATombstone() throws SQLException {
        String x = unique("X");
        String email = x + "@example.com";
        String id = personFromHris(x, email);
        as(employee(email)).when().post("/v1/profiles/" + id + "/erasure").then().statusCode(403).contentType(PROBLEM);
        as(Api.integration()).when().post("/v1/profiles/" + id + "/erasure").then().statusCode(403).contentType(PROBLEM);
        given().when().post("/v1/profiles/" + id + "/erasure").then().statusCode(401).contentType(PROBLEM);
        as(hrAdmin()).when().post("/v1/profiles/" + id + "/erasure").then().statusCode(204);

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
}
