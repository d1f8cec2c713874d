package org.mentoring.system;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.mentoring.platform.testing.TestTokens;

/** The platform's public API as a frontend or an HRIS calls it, over HTTP only. */
final class Api {

    static final String HR = TestTokens.bearer("hr-admin-1", "hr.admin@system.test", "hr-admin");

    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 5_000).setParam("http.socket.timeout", 30_000));

    private final MentoringSystem system;

    Api(MentoringSystem system) {
        this.system = system;
    }

    RequestSpecification at(String service, String authorization) {
        RequestSpecification spec = given().config(CONFIG).baseUri(system.url(service));
        return authorization == null ? spec : spec.header("Authorization", authorization);
    }

    Response createProfile(String name) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return at("profile", HR).contentType(ContentType.JSON)
                .body(Map.of("externalId", unique, "email", unique + "@system.test", "displayName", name,
                        "department", "Engineering", "location", "Berlin", "timeZone", "Europe/Berlin",
                        "languages", List.of("en"), "level", 3))
                .post("/v1/profiles");
    }

    /** Changes a profile's job title as HR, at the version it has now (If-Match with its ETag). */
    Response patchJobTitle(UUID id, String title) {
        Response current = at("profile", HR).get("/v1/profiles/" + id);
        if (current.statusCode() != 200) {
            return current;
        }
        return at("profile", HR).contentType("application/merge-patch+json").header("If-Match", current.header("ETag"))
                .body(Map.of("jobTitle", title)).patch("/v1/profiles/" + id);
    }

    int searchProfiles(String text) {
        Response r = at("profile", HR).queryParam("q", text).get("/v1/profiles");
        if (r.statusCode() != 200) {
            throw new AssertionError("search: " + r.statusCode() + " " + r.asString());
        }
        return r.jsonPath().getList("items").size();
    }

    Response deadLetters(String service) {
        return at(service, HR).get("/admin/dead-letters");
    }

    Response readiness(String service) {
        return at(service, null).get("/q/health/ready");
    }
}
