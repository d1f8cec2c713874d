package org.mentoring.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.TestTokens;

/**
 * Function-level authorization across the whole API: every operation of every service, called as every role its
 * document does not list, and without a token. The roles come from the services' own documents (generated from
 * {@code @RolesAllowed}), so a new operation is covered the day it exists. Object-level rules (the wrong owner) and
 * property-level rules (mass assignment) are checked on the operations where they live.
 */
class AuthorizationMatrixTest {

    private static final List<String> ROLES = List.of("employee", "program-admin", "hr-admin", "integration");

    private static Api api;

    @BeforeAll
    static void startSystem() {
        api = new Api(MentoringSystem.get());
    }

    @Test
    void everyOperationRefusesEveryRoleItDoesNotListAndAnonymousCallers() throws Exception {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        int operations = 0;
        for (String service : MentoringSystem.SERVICES) {
            for (HostileInputTest.Operation op : HostileInputTest.operationsOf(api, service)) {
                Set<String> allowed = rolesOf(op.operation());
                if (allowed.isEmpty()) {
                    continue;
                }
                operations++;
                for (String role : ROLES) {
                    if (allowed.contains(role)) {
                        continue;
                    }
                    Response r = call(op, TestTokens.bearer("matrix-" + role, "matrix." + role + "@system.test", role));
                    calls++;
                    if (r.statusCode() != 403) {
                        failures.add(op.method() + " " + op.path() + " as " + role + " -> " + r.statusCode());
                    }
                }
                Response anonymous = call(op, null);
                calls++;
                if (anonymous.statusCode() != 401) {
                    failures.add(op.method() + " " + op.path() + " without a token -> " + anonymous.statusCode());
                }
            }
        }
        System.out.printf("authorization matrix: %d operations with role rules, %d refused calls checked, %d failures%n",
                operations, calls, failures.size());
        assertTrue(operations >= 40, "operations with role rules: " + operations);
        assertEquals(List.of(), failures);
    }

    @Test
    void anEmployeeCannotAssignHrOwnedOrServerOwnedFieldsOfTheirOwnProfile() {
        Journeys journeys = new Journeys(api);
        Journeys.Person p = Journeys.person("mass", 0);
        Response created = api.at("profile", Api.HR).contentType("application/json")
                .body(Journeys.employee(p, "Support", "Lisbon", "Europe/Lisbon", 2, null)).post("/v1/profiles");
        assertEquals(201, created.statusCode(), created.asString());
        for (Map<String, Object> patch : List.<Map<String, Object>>of(Map.of("department", "Executive"),
                Map.of("level", 12), Map.of("jobTitle", "CEO"), Map.of("status", "terminated"),
                Map.of("email", "someone.else@system.test"), Map.of("id", UUID.randomUUID().toString()),
                Map.of("version", 99), Map.of("managerId", UUID.randomUUID().toString()))) {
            Response me = api.at("profile", p.token()).get("/v1/me");
            Response r = api.at("profile", p.token()).contentType("application/merge-patch+json")
                    .header("If-Match", me.header("ETag")).body(patch).patch("/v1/me");
            assertTrue(r.statusCode() == 403 || r.statusCode() == 400 || r.statusCode() == 422,
                    patch + " -> " + r.statusCode() + " " + r.asString());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        }
        Response after = api.at("profile", p.token()).get("/v1/me");
        assertEquals("Support", after.path("department"));
        assertEquals(2, (int) after.path("level"));
        assertEquals("active", after.path("status"));
        assertEquals(1, ((Number) after.path("version")).intValue(), "no refused patch changed the profile");
        journeys.profileId(p);
    }

    @Test
    void aMentorshipIsInvisibleToAnyoneButItsParticipantsAndAdmins() {
        Journeys journeys = new Journeys(api);
        Journeys.Person mentor = Journeys.person("owner-mentor", 0);
        Journeys.Person mentee = Journeys.person("owner-mentee", 0);
        Journeys.Person stranger = Journeys.person("stranger", 0);
        for (Journeys.Person p : List.of(mentor, mentee, stranger)) {
            Response created = api.at("profile", Api.HR).contentType("application/json")
                    .body(Journeys.employee(p, "Design", "Berlin", "Europe/Berlin", p == mentor ? 8 : 2, null))
                    .post("/v1/profiles");
            assertEquals(201, created.statusCode(), created.asString());
        }
        journeys.preferences(mentor, Map.of("openToRoles", List.of("mentor"), "capacity", 1, "openToRequests", true,
                "skills", List.of(Map.of("skill", "Accessibility", "proficiency", 5))));
        String mentorId = journeys.profileId(mentor);
        Response requested = journeys.eventually(201, () -> api.at("matching", mentee.token())
                .contentType("application/json")
                .body(Map.of("mentorId", mentorId, "message", "A private note for the two of us"))
                .post("/v1/mentorships"));
        String id = requested.path("id");
        Response seenByStranger = api.at("matching", stranger.token()).get("/v1/mentorships/" + id);
        assertEquals(404, seenByStranger.statusCode(), seenByStranger.asString());
        Response acceptedByStranger = api.at("matching", stranger.token()).contentType("application/json").post("/v1/mentorships/" + id + "/accept");
        assertEquals(404, acceptedByStranger.statusCode(), acceptedByStranger.asString());
        Response acceptedByRequester = api.at("matching", mentee.token()).contentType("application/json").post("/v1/mentorships/" + id + "/accept");
        assertTrue(acceptedByRequester.statusCode() == 403 || acceptedByRequester.statusCode() == 409,
                "the requester cannot accept their own request: " + acceptedByRequester.statusCode());
        Response seenByHr = api.at("matching", Api.HR).get("/v1/mentorships/" + id);
        assertEquals(200, seenByHr.statusCode(), seenByHr.asString());
        assertTrue(seenByHr.jsonPath().get("message") == null, "admins see the facts, never the words");
        Response seenByMentor = api.at("matching", mentor.token()).get("/v1/mentorships/" + id);
        assertEquals("A private note for the two of us", seenByMentor.path("message"));
    }

    /** The roles an operation lists: the contract's x-roles, or the scopes of its bearer requirement. */
    static Set<String> rolesOf(JsonNode operation) {
        Set<String> roles = new LinkedHashSet<>();
        operation.path("x-roles").forEach(r -> roles.add(r.asText()));
        for (JsonNode requirement : operation.path("security")) {
            requirement.elements().forEachRemaining(scopes -> scopes.forEach(r -> roles.add(r.asText())));
        }
        roles.retainAll(ROLES);
        return roles;
    }

    private static Response call(HostileInputTest.Operation op, String authorization) {
        RequestSpecification spec = api.at(op.service(), authorization);
        String path = op.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        if (op.operation().has("requestBody")) {
            spec = spec.contentType(HostileInputTest.contentTypeOf(op)).body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return spec.request(op.method(), path);
    }
}
