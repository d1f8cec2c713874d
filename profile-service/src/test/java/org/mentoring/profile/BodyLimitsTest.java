package org.mentoring.profile;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mentoring.profile.Api.MERGE_PATCH;
import static org.mentoring.profile.Api.PROBLEM;
import static org.mentoring.profile.Api.as;
import static org.mentoring.profile.Api.createProfile;
import static org.mentoring.profile.Api.employee;
import static org.mentoring.profile.Api.hrAdmin;
import static org.mentoring.profile.Api.unique;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mentoring.platform.testing.ContractValidation;
import org.mentoring.platform.testing.MentoringTestResource;

/**
 * The service takes files of up to 64 MB for HRIS imports, and every other body only up to 1 MiB: a profile patch
 * from any employee, or an HR admin's skill, over it is refused with 413 and changes nothing, whether its length is
 * declared or it is sent in chunks.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class BodyLimitsTest {

    /** A valid merge patch of about 1.5 MB: a bio far over its own limit, which is never looked at. */
    private static final String LARGE_PATCH = "{\"bio\": \"" + "b".repeat(1_500_000) + "\"}";

    @Test
    void aPatchOverTheLimitIsRefusedAndChangesNothing() {
        String email = unique("big") + "@example.com";
        String id = createProfile(email);
        String etag = as(employee(email)).when().get("/v1/profiles/" + id).then().extract().header("ETag");
        as(employee(email)).contentType(MERGE_PATCH).header("If-Match", etag).body(LARGE_PATCH)
                .when().patch("/v1/me")
                .then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("urn:mentoring:problem:payload-too-large"))
                .body("detail", equalTo("A request body may have at most 1048576 bytes"));
        as(employee(email)).contentType(MERGE_PATCH).header("If-Match", etag).body(LARGE_PATCH)
                .when().patch("/v1/profiles/" + id)
                .then().statusCode(413).contentType(PROBLEM);
        as(employee(email)).when().get("/v1/me")
                .then().statusCode(200).header("ETag", equalTo(etag)).body("bio", nullValue());
    }

    @Test
    void aChunkedPatchIsRefusedOnceItPassesTheLimitWithoutBeingReadToItsEnd() throws Exception {
        String email = unique("chunk") + "@example.com";
        String id = createProfile(email);
        String etag = as(employee(email)).when().get("/v1/profiles/" + id).then().extract().header("ETag");
        // A fifth more than the limit, in chunks, and never the chunk that ends the body: a service that read the body
        // to its end before answering would still be waiting when the socket times out.
        byte[] piece = ("{\"bio\": \"" + "c".repeat(64 * 1024)).getBytes(StandardCharsets.UTF_8);
        String status = RawHttp.statusLine("PATCH", "/v1/me", "Content-Type: " + MERGE_PATCH + "\r\nAuthorization: "
                + employee(email) + "\r\nIf-Match: " + etag + "\r\nTransfer-Encoding: chunked\r\n", out -> {
                    for (int i = 0; i < 20; i++) {
                        RawHttp.chunk(out, piece, 0, piece.length);
                    }
                });
        assertTrue(status != null && status.startsWith("HTTP/1.1 413"), status);
        as(employee(email)).when().get("/v1/me").then().statusCode(200).header("ETag", equalTo(etag));
    }

    @Test
    void anHrAdminsSkillOverTheLimitIsRefused() {
        String name = unique("Skill");
        as(hrAdmin()).contentType("application/json")
                .body(Map.of("name", name, "category", "Technical", "aliases", List.of("a".repeat(1_200_000))))
                .when().post("/v1/skills")
                .then().statusCode(413).contentType(PROBLEM);
        as(hrAdmin()).when().get("/v1/skills?prefix=" + name).then().statusCode(200).body("size()", equalTo(0));
    }
}
