package org.mentoring.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RolesFromCodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rolesReplaceTheUnknownSentenceAndFillXRoles() throws Exception {
        JsonNode document = JSON.readTree("""
                {"paths": {"/v1/things": {
                  "get": {"operationId": "listThings", "description": "List things. Requires a bearer token.", "x-roles": []},
                  "post": {"operationId": "createThing", "x-roles": []},
                  "delete": {"operationId": "publicThing", "description": "No bearer token.", "x-roles": []}}}}
                """);
        RolesFromCode.apply(document, Map.of("listThings", new TreeSet<>(List.of("hr-admin", "employee")),
                "createThing", new TreeSet<>(List.of("hr-admin"))));
        JsonNode get = document.at("/paths/~1v1~1things/get");
        assertEquals("[\"employee\",\"hr-admin\"]", get.get("x-roles").toString());
        assertEquals("List things. Roles: employee, hr-admin.", get.get("description").asText());
        assertEquals("Roles: hr-admin.", document.at("/paths/~1v1~1things/post/description").asText());
        assertEquals("[]", document.at("/paths/~1v1~1things/delete/x-roles").toString(), "no rule, no roles");
    }

    @Test
    void theServicesDeclareRolesForTheirOperations() throws Exception {
        Path repository = Path.of("").toAbsolutePath().getParent();
        Map<String, TreeSet<String>> roles = RolesFromCode.read(repository, ContractBuild.SERVICES);
        assertTrue(roles.size() >= 80, "operations with roles: " + roles.size());
        assertEquals(new TreeSet<>(List.of("hr-admin")), roles.get("eraseProfile"), roles.keySet().toString());
    }
}
