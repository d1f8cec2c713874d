package org.mentoring.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ContractMergerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ContractMerger merger = new ContractMerger("1.2.3");

    @Test
    void mergesPathsComponentsAndTagsInAStableOrder() throws Exception {
        ContractMerger.ServiceDocument profile = doc("profile-service", """
                {"openapi": "3.0.3", "tags": [{"name": "profile-service"}],
                 "paths": {"/v1/profiles": {
                     "post": {"operationId": "createProfile", "tags": ["profile-service"],
                              "summary": "Create a profile", "x-roles": ["hr-admin"],
                              "responses": {"500": {"$ref": "#/components/schemas/Problem"},
                                            "201": {"$ref": "#/components/schemas/ProfileView"},
                                            "400": {}}},
                     "get": {"operationId": "searchProfiles", "tags": ["profile-service"],
                             "summary": "Search", "x-roles": ["employee"]}}},
                 "components": {"schemas": {"Problem": {"type": "object"}, "ProfileView": {"type": "object"},
                                            "Unused": {"type": "string"}}}}
                """);
        ContractMerger.ServiceDocument matching = doc("matching-service", """
                {"openapi": "3.0.3",
                 "paths": {"/v1/mentorships": {"get": {"operationId": "listMentorships", "tags": ["matching-service"],
                                                       "summary": "List", "x-roles": ["employee"],
                                                       "x-page": {"$ref": "#/components/schemas/Mentorship"}}}},
                 "components": {"schemas": {"Problem": {"type": "object"}, "Mentorship": {"type": "object"}}}}
                """);

        ObjectNode merged = merger.merge(List.of(matching, profile));

        assertEquals(List.of("/v1/mentorships", "/v1/profiles"), names(merged.get("paths")));
        assertEquals(List.of("get", "post"), names(merged.at("/paths/~1v1~1profiles")));
        assertEquals(List.of("201", "400", "500"), names(merged.at("/paths/~1v1~1profiles/post/responses")));
        assertEquals(List.of("Mentorship", "Problem", "ProfileView"), names(merged.at("/components/schemas")));
        assertEquals("matching-service", merged.at("/tags/0/name").asText());
        assertEquals("1.2.3", merged.at("/info/version").asText());
        assertEquals("/", merged.at("/servers/0/url").asText());
        assertEquals(ContractBuild.render(merged), ContractBuild.render(merger.merge(List.of(profile, matching))));
    }

    @Test
    void aSchemaNameTwoServicesDefineDifferentlyFailsAndNamesBoth() throws Exception {
        ContractMerger.ServiceDocument a = doc("session-service",
                "{\"components\": {\"schemas\": {\"Goal\": {\"type\": \"object\", \"required\": [\"title\"]}}}}");
        ContractMerger.ServiceDocument b = doc("matching-service",
                "{\"components\": {\"schemas\": {\"Goal\": {\"type\": \"string\"}}}}");
        RuntimeException failure = assertThrows(RuntimeException.class, () -> merger.merge(List.of(a, b)));
        assertTrue(failure.getMessage().contains("components/schemas/Goal differs between session-service and "
                + "matching-service"), failure.getMessage());
    }

    @Test
    void aPathOrOperationIdServedTwiceFails() throws Exception {
        ContractMerger.ServiceDocument a = doc("session-service",
                "{\"paths\": {\"/v1/goals\": {\"get\": " + op("listGoals") + "}}}");
        ContractMerger.ServiceDocument b = doc("feedback-service",
                "{\"paths\": {\"/v1/goals\": {\"get\": " + op("other") + "},"
                        + " \"/v1/kudos\": {\"get\": " + op("listGoals") + "}}}");
        RuntimeException failure = assertThrows(RuntimeException.class, () -> merger.merge(List.of(a, b)));
        assertTrue(failure.getMessage().contains("path /v1/goals is served by both"), failure.getMessage());
        assertTrue(failure.getMessage().contains("operationId listGoals is used by"), failure.getMessage());
    }

    @Test
    void anOperationTheContractFilterDidNotProcessFails() throws Exception {
        ContractMerger.ServiceDocument raw = doc("session-service",
                "{\"paths\": {\"/v1/sessions\": {\"get\": {\"responses\": {\"200\": {}}}}}}");
        RuntimeException failure = assertThrows(RuntimeException.class, () -> merger.merge(List.of(raw)));
        assertTrue(failure.getMessage().contains("session-service /v1/sessions: an operation lacks operationId"),
                failure.getMessage());
    }

    private static String op(String id) {
        return "{\"operationId\": \"" + id + "\", \"summary\": \"s\", \"tags\": [\"t\"], \"x-roles\": []}";
    }

    @Test
    void theDiffSummaryShowsTheChangedLines() {
        String summary = TextDiff.summary("a\nb\nc\n", "a\nB\nc\n", 10);
        assertEquals("@@ line 2 @@\n- b\n+ B\n", summary);
    }

    private static ContractMerger.ServiceDocument doc(String service, String json) throws Exception {
        return new ContractMerger.ServiceDocument(service, JSON.readTree(json));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
