package org.mentoring.profile;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.mentoring.profile.Api.PROBLEM;
import static org.mentoring.profile.Api.as;
import static org.mentoring.profile.Api.employee;
import static org.mentoring.profile.Api.hrAdmin;
import static org.mentoring.profile.Api.integration;
import static org.mentoring.profile.Api.programAdmin;
import static org.mentoring.profile.Api.unique;
import static org.mentoring.profile.Webhooks.subscribe;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.MentoringTestResource;

@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class WebhookSubscriptionApiTest {

    private static final String URL = "http://127.0.0.1:9/hooks";

    @Test
    void createShowsTheSecretOnceAndGetNever() {
        String caller = integration();
        JsonPath created = subscribe(caller, URL, List.of("mentoring.session.*", "mentoring.kudos.given.v1"));
        String secret = created.getString("secret");
        assertEquals(32, Base64.getDecoder().decode(secret.substring("whsec_".length())).length);
        assertEquals(List.of("mentoring.session.*", "mentoring.kudos.given.v1"), created.getList("eventTypes"));
        String id = created.getString("id");
        as(caller).when().get("/v1/webhooks/subscriptions/" + id).then().statusCode(200)
                .body("$", not(hasKey("secret"))).body("active", equalTo(true)).body("url", equalTo(URL))
                .body("description", equalTo("test receiver"));
        as(caller).when().get("/v1/webhooks/subscriptions").then().statusCode(200)
                .body("items.id", hasItem(id)).body("items[0]", not(hasKey("secret")));
    }

    @Test
    void replaceChangesTheSubscriptionAndTheActiveFlag() {
        String caller = hrAdmin();
        String id = subscribe(caller, URL, List.of("*")).getString("id");
        as(caller).contentType("application/json")
                .body(Map.of("url", URL + "/v2", "eventTypes", List.of("mentoring.goal.*"), "active", false))
                .when().put("/v1/webhooks/subscriptions/" + id)
                .then().statusCode(200).body("active", equalTo(false)).body("url", equalTo(URL + "/v2"))
                .body("eventTypes", equalTo(List.of("mentoring.goal.*"))).body("disabledReason", equalTo("by-request"));
        as(caller).when().post("/v1/webhooks/subscriptions/" + id + "/ping")
                .then().statusCode(409).contentType(PROBLEM);
        as(caller).contentType("application/json")
                .body(Map.of("url", URL, "eventTypes", List.of("*"), "active", true))
                .when().put("/v1/webhooks/subscriptions/" + id)
                .then().statusCode(200).body("active", equalTo(true)).body("$", not(hasKey("disabledReasonX")));
        as(caller).when().delete("/v1/webhooks/subscriptions/" + id).then().statusCode(204);
        as(caller).when().get("/v1/webhooks/subscriptions/" + id).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void onlyHrAdminsAndIntegrationsMayCall() {
        String id = subscribe(hrAdmin(), URL, List.of("*")).getString("id");
        for (String wrong : List.of(employee(unique("e") + "@example.com"), programAdmin())) {
            as(wrong).when().get("/v1/webhooks/subscriptions").then().statusCode(403).contentType(PROBLEM);
            as(wrong).contentType("application/json").body(Map.of("url", URL, "eventTypes", List.of("*")))
                    .when().post("/v1/webhooks/subscriptions").then().statusCode(403).contentType(PROBLEM);
            as(wrong).when().get("/v1/webhooks/subscriptions/" + id + "/deliveries").then().statusCode(403);
            as(wrong).when().post("/v1/webhooks/subscriptions/" + id + "/ping").then().statusCode(403);
            as(wrong).when().post("/v1/webhooks/subscriptions/" + id + "/secret").then().statusCode(403);
        }
        io.restassured.RestAssured.given().when().get("/v1/webhooks/subscriptions").then().statusCode(401);
    }

    @Test
    void anIntegrationSeesOnlyItsOwnSubscriptionsAndHrSeesAll() {
        String owner = integration();
        String other = integration();
        String id = subscribe(owner, URL, List.of("*")).getString("id");
        String base = "/v1/webhooks/subscriptions/" + id;
        as(other).when().get(base).then().statusCode(404).contentType(PROBLEM);
        as(other).when().get(base + "/deliveries").then().statusCode(404).contentType(PROBLEM);
        as(other).when().post(base + "/secret").then().statusCode(404).contentType(PROBLEM);
        as(other).when().post(base + "/ping").then().statusCode(404).contentType(PROBLEM);
        as(other).queryParam("since", "2026-01-01T00:00:00Z").when().post(base + "/redeliver").then().statusCode(404);
        as(other).when().delete(base).then().statusCode(404);
        as(other).contentType("application/json").body(Map.of("url", URL, "eventTypes", List.of("*")))
                .when().put(base).then().statusCode(404);
        as(other).when().get("/v1/webhooks/subscriptions").then().statusCode(200).body("items.id", not(hasItem(id)));
        as(hrAdmin()).when().get(base).then().statusCode(200).body("id", equalTo(id));
        as(owner).when().get(base).then().statusCode(200);
    }

    @Test
    void badInputIsAProblemAndNothingIsStored() {
        String caller = integration();
        as(caller).contentType("application/json").body(Map.of("url", URL, "eventTypes", List.of("mentoring.*.v1", "")))
                .when().post("/v1/webhooks/subscriptions")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:mentoring:problem:validation"))
                .body("errors.field", hasItem("eventTypes[0]")).body("errors.field", hasItem("eventTypes[1]"));
        as(caller).contentType("application/json").body(Map.of("url", "ftp://example.com/x", "eventTypes", List.of("*")))
                .when().post("/v1/webhooks/subscriptions")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("url"));
        as(caller).contentType("application/json").body(Map.of("eventTypes", List.of("*")))
                .when().post("/v1/webhooks/subscriptions").then().statusCode(400).contentType(PROBLEM);
        as(caller).contentType("application/json").body(Map.of("url", URL, "eventTypes", List.of()))
                .when().post("/v1/webhooks/subscriptions").then().statusCode(400).contentType(PROBLEM);
        as(caller).contentType("application/json").body("{\"url\":\"" + URL + "\",\"eventTypes\":[\"*\"],\"secret\":\"x\"}")
                .when().post("/v1/webhooks/subscriptions").then().statusCode(400).contentType(PROBLEM);
        as(caller).contentType("application/json").body("{not json")
                .when().post("/v1/webhooks/subscriptions").then().statusCode(400).contentType(PROBLEM);
        as(caller).when().get("/v1/webhooks/subscriptions").then().statusCode(200).body("items", equalTo(List.of()));
        as(caller).when().get("/v1/webhooks/subscriptions/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        as(caller).queryParam("cursor", "???").when().get("/v1/webhooks/subscriptions")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void subscriptionsComeInCursorPages() {
        String caller = integration();
        for (int i = 0; i < 3; i++) {
            subscribe(caller, URL + "/" + i, List.of("*"));
        }
        JsonPath first = as(caller).queryParam("limit", 2).when().get("/v1/webhooks/subscriptions")
                .then().statusCode(200).body("nextCursor", notNullValue()).extract().jsonPath();
        assertEquals(2, first.getList("items").size());
        JsonPath second = as(caller).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .when().get("/v1/webhooks/subscriptions").then().statusCode(200).extract().jsonPath();
        assertEquals(1, second.getList("items").size());
        assertEquals(null, second.getString("nextCursor"));
        assertNotNull(UUID.fromString(second.getString("items[0].id")));
    }

    @Test
    void rotationAnswersWithTheNewSecretAndTheGracePeriod() {
        String caller = integration();
        JsonPath created = subscribe(caller, URL, List.of("*"));
        as(caller).when().post("/v1/webhooks/subscriptions/" + created.getString("id") + "/secret")
                .then().statusCode(200).body("secret", matchesPattern("whsec_[A-Za-z0-9+/]+=*"))
                .body("secret", not(equalTo(created.getString("secret"))))
                .body("previousSecretExpiresAt", notNullValue());
    }

    @Test
    void theOperationsAreDescribedInTheOpenApiDocument() {
        JsonPath doc = io.restassured.RestAssured.given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        String base = "/v1/webhooks/subscriptions";
        assertEquals("createWebhookSubscription", doc.getString("paths.'" + base + "'.post.operationId"));
        assertEquals("listWebhookSubscriptions", doc.getString("paths.'" + base + "'.get.operationId"));
        assertEquals(List.of("profile-service"), doc.getList("paths.'" + base + "'.post.tags"));
        assertEquals("#/components/schemas/SubscriptionWithSecret",
                doc.getString("paths.'" + base + "'.post.responses.'201'.content.'application/json'.schema.$ref"));
        for (String path : List.of(base + "/{id}", base + "/{id}/secret", base + "/{id}/deliveries",
                base + "/{id}/deliveries/{deliveryId}/redeliver", base + "/{id}/redeliver", base + "/{id}/ping")) {
            assertNotNull(paths.get(path), path);
        }
    }
}
