package org.mentoring.profile;

import static org.hamcrest.Matchers.equalTo;
import static org.mentoring.profile.Api.PROBLEM;
import static org.mentoring.profile.Api.as;
import static org.mentoring.profile.Api.createProfile;
import static org.mentoring.profile.Api.unique;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mentoring.platform.testing.ContractValidation;
import org.mentoring.platform.testing.MentoringTestResource;
import org.mentoring.platform.testing.TestTokens;

/**
 * What a verified token must also say: that it was issued for this API (its audience), and, when it links a caller
 * to a profile by email, that the identity provider did not leave that email unverified.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class TokenChecksTest {

    private static String bearer(Map<String, Object> claims, String email) {
        return "Bearer " + TestTokens.token(claims, "emp-" + unique("s"), email, "employee");
    }

    @Test
    void aTokenIssuedForAnotherApplicationIsRefused() {
        String email = unique("aud") + "@example.com";
        createProfile(email);
        as(bearer(Map.of("aud", "payroll-app"), email)).when().get("/v1/me")
                .then().statusCode(401).contentType(PROBLEM);
        as(bearer(Map.of("aud", "payroll-app"), email)).when().get("/v1/profiles")
                .then().statusCode(401).contentType(PROBLEM);
        as(bearer(Map.of("aud", List.of("payroll-app", TestTokens.AUDIENCE)), email)).when().get("/v1/me")
                .then().statusCode(200).body("email", equalTo(email));
    }

    @Test
    void anEmailTheIdentityProviderHasNotVerifiedLinksToNoOne() {
        String email = unique("ver") + "@example.com";
        createProfile(email);
        as(bearer(Map.of("email_verified", false), email)).when().get("/v1/me")
                .then().statusCode(404).contentType(PROBLEM);
        as(bearer(Map.of("email_verified", false), email)).when().get("/v1/me/export")
                .then().statusCode(404).contentType(PROBLEM);
        as(bearer(Map.of("email_verified", true), email)).when().get("/v1/me")
                .then().statusCode(200).body("email", equalTo(email));
    }
}
