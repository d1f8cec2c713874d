package org.mentoring.platform.web.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

class ContractFilterTest {

    private final ContractFilter filter = new ContractFilter();

    @Test
    void rolesBecomeXRolesAndTheBearerRequirementKeepsNoScopes() {
        Operation operation = operation("getSkill", "Read a skill")
                .security(new ArrayList<>(List.of(OASFactory.createSecurityRequirement()
                        .addScheme("bearerAuth", new ArrayList<>(List.of("hr-admin", "employee"))))));
        OpenAPI api = api("/v1/skills/{id}", operation);

        filter.filterOpenAPI(api);

        assertEquals(List.of("employee", "hr-admin"), operation.getExtensions().get("x-roles"));
        assertEquals(List.of(), operation.getSecurity().get(0).getScheme("bearerAuth"));
        assertEquals("Read a skill. Roles: employee, hr-admin.", operation.getDescription());
        assertNotNull(api.getComponents().getSecuritySchemes().get("bearerAuth"));
        assertEquals("/", api.getServers().get(0).getUrl());
    }

    @Test
    void everyOperationGetsProblemResponsesAndPathsWithIdsA404() {
        Operation withId = operation("getSkill", "Read a skill");
        filter.filterOpenAPI(api("/v1/skills/{id}", withId));
        Map<String, APIResponse> responses = withId.getResponses().getAPIResponses();
        for (String status : List.of("400", "401", "403", "404", "500")) {
            APIResponse response = responses.get(status);
            assertNotNull(response, status);
            assertEquals(ContractFilter.PROBLEM_REF,
                    response.getContent().getMediaType("application/problem+json").getSchema().getRef());
        }
        Operation list = operation("searchSkills", "Search skills");
        filter.filterOpenAPI(api("/v1/skills", list));
        assertTrue(!list.getResponses().getAPIResponses().containsKey("404"));
    }

    @Test
    void ifMatchBringsPreconditionResponsesAndADeclaredConflictGetsAProblemBody() {
        Operation patch = operation("updateProfile", "Change a profile")
                .addParameter(OASFactory.createParameter().name("If-Match").in(Parameter.In.HEADER));
        patch.getResponses().addAPIResponse("409", OASFactory.createAPIResponse().description("Email taken"));
        filter.filterOpenAPI(api("/v1/profiles/{id}", patch));
        Map<String, APIResponse> responses = patch.getResponses().getAPIResponses();
        assertTrue(responses.containsKey("412"));
        assertTrue(responses.containsKey("428"));
        assertEquals("Email taken", responses.get("409").getDescription());
        assertNotNull(responses.get("409").getContent().getMediaType("application/problem+json"));
    }

    @Test
    void anOperationWithoutIdSummaryTagOrSuccessFailsTheBuild() {
        Operation undeclared = OASFactory.createOperation()
                .responses(OASFactory.createAPIResponses().addAPIResponse("404", OASFactory.createAPIResponse()));
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> filter.filterOpenAPI(api("/v1/things", undeclared)));
        assertTrue(failure.getMessage().contains("GET /v1/things has no operationId"), failure.getMessage());
        assertTrue(failure.getMessage().contains("has no summary"), failure.getMessage());
        assertTrue(failure.getMessage().contains("has no tag"), failure.getMessage());
        assertTrue(failure.getMessage().contains("documents no success response"), failure.getMessage());
    }

    @Test
    void aPageOfAnotherShapeFailsTheBuild() {
        OpenAPI api = api("/v1/skills", operation("searchSkills", "Search skills"));
        api.getComponents().addSchema("SkillPage", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("results", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY))
                .addProperty("nextCursor", OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> filter.filterOpenAPI(api));
        assertTrue(failure.getMessage().contains("SkillPage"), failure.getMessage());
    }

    @Test
    void responseBodiesWithoutExamplesGetOneFromTheirSchema() {
        Operation operation = operation("getSkill", "Read a skill");
        OpenAPI api = api("/v1/skills/{id}", operation);
        api.getComponents().addSchema("SkillView", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("id", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uuid"))
                .addProperty("name", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("Kotlin"))
                .addProperty("aliases", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
        operation.getResponses().getAPIResponse("200").content(OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/SkillView"))));

        filter.filterOpenAPI(api);

        Object example = operation.getResponses().getAPIResponse("200").getContent().getMediaType("application/json")
                .getExample();
        assertTrue(example instanceof Map<?, ?>, String.valueOf(example));
        Map<?, ?> skill = (Map<?, ?>) example;
        assertEquals("Kotlin", skill.get("name"));
        assertEquals(List.of("kt"), skill.get("aliases"));
        assertEquals(36, String.valueOf(skill.get("id")).length());
    }

    @Test
    void optionalFieldsMayBeNullAsTheServicesWriteThem() {
        OpenAPI api = api("/v1/skills", operation("searchSkills", "Search skills"));
        api.getComponents().addSchema("UUID", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uuid"));
        api.getComponents().addSchema("SkillView", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .required(new ArrayList<>(List.of("name")))
                .addProperty("name", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("category", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("parentId", OASFactory.createSchema().ref("#/components/schemas/UUID")));

        filter.filterOpenAPI(api);

        Map<String, Schema> properties = api.getComponents().getSchemas().get("SkillView").getProperties();
        assertEquals(List.of(Schema.SchemaType.STRING), properties.get("name").getType());
        assertEquals(List.of(Schema.SchemaType.STRING, Schema.SchemaType.NULL), properties.get("category").getType());
        assertEquals(List.of(Schema.SchemaType.STRING, Schema.SchemaType.NULL), properties.get("parentId").getType());
        assertEquals("uuid", properties.get("parentId").getFormat());
    }

    private static Operation operation(String id, String summary) {
        Operation operation = OASFactory.createOperation().operationId(id).summary(summary)
                .tags(new ArrayList<>(List.of("profile-service")));
        operation.responses(OASFactory.createAPIResponses().addAPIResponse("200",
                OASFactory.createAPIResponse().description("OK")));
        return operation;
    }

    private static OpenAPI api(String path, Operation operation) {
        return OASFactory.createOpenAPI().components(OASFactory.createComponents())
                .paths(OASFactory.createPaths().addPathItem(path, OASFactory.createPathItem().GET(operation)));
    }
}
