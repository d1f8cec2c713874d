package org.mentoring.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mentoring.profile.Api.PROBLEM;
import static org.mentoring.profile.Api.as;
import static org.mentoring.profile.Api.employee;
import static org.mentoring.profile.Api.hrAdmin;
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

@QuarkusTest
@ExtendWith(ContractValidation.class)
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class SkillApiTest {

    private final String reader = employee(unique("reader") + "@example.com");

    @Test
    void catalogueIsSeededAndAutocompletesByNameOrAlias() {
        as(reader).queryParam("limit", 100).when().get("/v1/skills")
                .then().statusCode(200).body("size()", greaterThanOrEqualTo(80));
        as(reader).queryParam("limit", "everything").when().get("/v1/skills")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("limit"));
        as(reader).queryParam("prefix", "kube").when().get("/v1/skills")
                .then().statusCode(200).body("name", hasItem("Kubernetes"));
        as(reader).queryParam("prefix", "K8").when().get("/v1/skills")
                .then().statusCode(200).body("name", hasItem("Kubernetes"))
                .body("find { it.name == 'Kubernetes' }.aliases", hasItem("k8s"));
        as(reader).queryParam("prefix", "py").when().get("/v1/skills")
                .then().statusCode(200).body("name", everyItem(startsWith("P")));
    }

    @Test
    void freeTypedNamesNormaliseToTheCatalogue() {
        as(reader).queryParam("name", "  K8S ").when().get("/v1/skills/normalize")
                .then().statusCode(200).body("name", equalTo("Kubernetes")).body("category", equalTo("Cloud and infrastructure"));
        as(reader).queryParam("name", "postgres").when().get("/v1/skills/normalize")
                .then().statusCode(200).body("name", equalTo("PostgreSQL"));
        as(reader).queryParam("name", "basket weaving").when().get("/v1/skills/normalize")
                .then().statusCode(404).contentType(PROBLEM);
        as(reader).queryParam("name", "  ").when().get("/v1/skills/normalize")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("name"));
        // An abbreviation that stands for two skills of the catalogue is not taken as either.
        as(reader).queryParam("name", "PM").when().get("/v1/skills/normalize").then().statusCode(404);
        as(reader).queryParam("name", "tf").when().get("/v1/skills/normalize").then().statusCode(404);
    }

    @Test
    void hrTakesAnAliasBack() {
        String name = unique("Widget Forging");
        String alias = unique("wf");
        String id = as(hrAdmin()).contentType("application/json")
                .body(Map.of("name", name, "category", "Engineering practice", "aliases", List.of(alias, unique("wfx"))))
                .when().post("/v1/skills").then().statusCode(201).extract().path("id");
        as(reader).when().delete("/v1/skills/" + id + "/aliases/" + alias).then().statusCode(403).contentType(PROBLEM);
        given().when().delete("/v1/skills/" + id + "/aliases/" + alias).then().statusCode(401);
        as(hrAdmin()).when().delete("/v1/skills/" + id + "/aliases/" + alias.toUpperCase())
                .then().statusCode(200).body("aliases", not(hasItem(alias))).body("aliases.size()", equalTo(1));
        as(reader).queryParam("name", alias).when().get("/v1/skills/normalize").then().statusCode(404);
        as(hrAdmin()).when().delete("/v1/skills/" + id + "/aliases/" + alias).then().statusCode(404).contentType(PROBLEM);
        // Only an alias of this very skill: another skill's alias is not taken back through it.
        String kubernetes = as(reader).queryParam("name", "k8s").when().get("/v1/skills/normalize")
                .then().statusCode(200).extract().path("id");
        as(hrAdmin()).when().delete("/v1/skills/" + id + "/aliases/k8s").then().statusCode(404);
        as(reader).when().get("/v1/skills/" + kubernetes).then().statusCode(200).body("aliases", hasItem("k8s"));
        as(hrAdmin()).when().delete("/v1/skills/" + java.util.UUID.randomUUID() + "/aliases/" + alias)
                .then().statusCode(404).contentType(PROBLEM);
        // Again under its old name: the alias is free for this or another skill.
        as(hrAdmin()).contentType("application/json").body(Map.of("alias", alias))
                .when().post("/v1/skills/" + id + "/aliases").then().statusCode(200).body("aliases", hasItem(alias));
    }

    @Test
    void hrAddsSkillsAndAliases() {
        String name = unique("Quantum Widgets");
        String alias = unique("qw");
        String id = as(hrAdmin()).contentType("application/json")
                .body(Map.of("name", name, "category", "Engineering practice", "aliases", List.of(alias)))
                .when().post("/v1/skills")
                .then().statusCode(201).body("name", equalTo(name)).body("aliases", hasItem(alias))
                .extract().path("id");
        as(reader).queryParam("name", alias.toUpperCase()).when().get("/v1/skills/normalize")
                .then().statusCode(200).body("id", equalTo(id));
        String second = unique("qwz");
        as(hrAdmin()).contentType("application/json").body(Map.of("alias", second))
                .when().post("/v1/skills/" + id + "/aliases")
                .then().statusCode(200).body("aliases", hasItem(second));
        as(hrAdmin()).contentType("application/json").body(Map.of("alias", "k8s"))
                .when().post("/v1/skills/" + id + "/aliases")
                .then().statusCode(409).contentType(PROBLEM);
        as(hrAdmin()).contentType("application/json").body(Map.of("name", name.toLowerCase(), "category", "X"))
                .when().post("/v1/skills")
                .then().statusCode(409).contentType(PROBLEM);
        as(reader).when().get("/v1/skills/" + id).then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void addingSkillsIsForHrOnlyAndValidated() {
        Map<String, Object> body = Map.of("name", unique("Skill"), "category", "Business");
        as(reader).contentType("application/json").body(body).when().post("/v1/skills")
                .then().statusCode(403).contentType(PROBLEM);
        given().contentType("application/json").body(body).when().post("/v1/skills")
                .then().statusCode(401).contentType(PROBLEM);
        given().when().get("/v1/skills").then().statusCode(401).contentType(PROBLEM);
        as(hrAdmin()).contentType("application/json").body(Map.of("name", " ", "category", "Business"))
                .when().post("/v1/skills")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("name"));
        as(reader).contentType("application/json").body(Map.of("alias", "zz"))
                .when().post("/v1/skills/" + java.util.UUID.randomUUID() + "/aliases")
                .then().statusCode(403).contentType(PROBLEM);
        as(hrAdmin()).contentType("application/json").body(Map.of("alias", unique("zz")))
                .when().post("/v1/skills/" + java.util.UUID.randomUUID() + "/aliases")
                .then().statusCode(404).contentType(PROBLEM);
        as(reader).queryParam("limit", 0).when().get("/v1/skills")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("limit"));
    }
}
