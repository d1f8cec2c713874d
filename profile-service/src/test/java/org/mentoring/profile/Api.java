package org.mentoring.profile;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.specification.RequestSpecification;
import org.mentoring.platform.testing.TestTokens;

/** Callers and fixtures shared by the API tests; every fixture gets unique names so runs never collide. */
final class Api {

    static final String PROBLEM = "application/problem+json";
    static final String MERGE_PATCH = "application/merge-patch+json";

    private Api() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String hrAdmin() {
        return TestTokens.bearer("hr-" + UUID.randomUUID(), unique("hr") + "@example.com", "employee", "hr-admin");
    }

    static String integration() {
        return TestTokens.bearer("hris-" + UUID.randomUUID(), unique("hris") + "@example.com", "integration");
    }

    static String employee(String email) {
        return TestTokens.bearer("emp-" + UUID.randomUUID(), email, "employee");
    }

    static String programAdmin() {
        return TestTokens.bearer("pa-" + UUID.randomUUID(), unique("pa") + "@example.com", "employee", "program-admin");
    }

    static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer);
    }

    /** A new profile created by HR; returns its id. */
    static String createProfile(String email, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "email", email,
                "displayName", "Person " + email,
                "jobTitle", "Software Engineer",
                "department", "Engineering",
                "location", "Berlin",
                "timeZone", "Europe/Berlin",
                "languages", java.util.List.of("en", "de"),
                "level", 4));
        body.putAll(extra);
        return as(hrAdmin()).contentType("application/json").body(body)
                .when().post("/v1/profiles")
                .then().statusCode(201)
                .extract().path("id");
    }

    static String createProfile(String email) {
        return createProfile(email, Map.of());
    }
}
