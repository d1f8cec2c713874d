package org.mentoring.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.TestTokens;

/**
 * Function-level authorization across the whole API: every operation of every service, called as every role its
 * {@code @RolesAllowed} does not list, and without a token. The operations and roles are read from the services'
 * compiled classes, so a new operation is covered the day it exists. Object-level rules (the wrong owner) and
 * property-level rules (mass assignment) are checked on the operations where they live.
 */
class AuthorizationMatrixTest extends AgainstTheSystem {

    private static final List<String> ROLES = List.of("employee", "program-admin", "hr-admin", "integration");

    /** One REST operation as its code declares it: method, path, roles of @RolesAllowed, the body it consumes. */
    record Secured(String service, String method, String path, Set<String> roles, String consumes) {
    }

    @Test
    void everyOperationRefusesEveryRoleItDoesNotListAndAnonymousCallers() throws Exception {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        List<Secured> operations = new ArrayList<>();
        for (String service : MentoringSystem.SERVICES) {
            operations.addAll(securedOperations(service));
        }
        for (Secured op : operations) {
            for (String role : ROLES) {
                if (op.roles().contains(role)) {
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
        System.out.printf("authorization matrix: %d operations with role rules, %d refused calls checked, %d failures%n",
                operations.size(), calls, failures.size());
        assertTrue(operations.size() >= 80, "operations with role rules: " + operations.size());
        assertEquals(List.of(), failures);
    }

    /**
     * The public operations of a service and their roles, read from its compiled classes (Jandex reads the class
     * files without loading them): the JAX-RS method and path, and the method's or class's @RolesAllowed.
     */
    static List<Secured> securedOperations(String service) throws IOException {
        Indexer indexer = new Indexer();
        Path classes = Path.of("").toAbsolutePath().getParent().resolve(service + "-service/target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        }
        Index index = indexer.complete();
        List<Secured> out = new ArrayList<>();
        for (ClassInfo resource : index.getKnownClasses()) {
            AnnotationInstance classPath = resource.declaredAnnotation(PATH);
            if (classPath == null) {
                continue;
            }
            for (MethodInfo method : resource.methods()) {
                String verb = HTTP_METHODS.stream().filter(m -> method.hasDeclaredAnnotation(m))
                        .map(m -> m.withoutPackagePrefix()).findFirst().orElse(null);
                if (verb == null) {
                    continue;
                }
                AnnotationInstance roles = method.declaredAnnotation(ROLES_ALLOWED);
                if (roles == null) {
                    roles = resource.declaredAnnotation(ROLES_ALLOWED);
                }
                if (roles == null || method.hasDeclaredAnnotation(PERMIT_ALL)) {
                    continue;
                }
                AnnotationInstance methodPath = method.declaredAnnotation(PATH);
                String path = ("/" + classPath.value().asString() + "/"
                        + (methodPath == null ? "" : methodPath.value().asString())).replaceAll("/+", "/");
                if (path.length() > 1 && path.endsWith("/")) {
                    path = path.substring(0, path.length() - 1);
                }
                if (!path.startsWith("/v1/")) {
                    continue;
                }
                AnnotationInstance consumes = method.declaredAnnotation(CONSUMES);
                if (consumes == null) {
                    consumes = resource.declaredAnnotation(CONSUMES);
                }
                String type = consumes == null ? "application/json" : consumes.value().asStringArray()[0];
                out.add(new Secured(service, verb, path, new LinkedHashSet<>(List.of(roles.value().asStringArray())),
                        type.equals("*/*") ? "application/json" : type));
            }
        }
        return out;
    }

    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName CONSUMES = DotName.createSimple("jakarta.ws.rs.Consumes");
    private static final DotName ROLES_ALLOWED = DotName.createSimple("jakarta.annotation.security.RolesAllowed");
    private static final DotName PERMIT_ALL = DotName.createSimple("jakarta.annotation.security.PermitAll");
    private static final List<DotName> HTTP_METHODS = Stream.of("GET", "POST", "PUT", "PATCH", "DELETE")
            .map(m -> DotName.createSimple("jakarta.ws.rs." + m)).toList();

    @Test
    void anEmployeeCannotAssignHrOwnedOrServerOwnedFieldsOfTheirOwnProfile() {
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

    private static Response call(Secured op, String authorization) {
        RequestSpecification spec = api.at(op.service(), authorization);
        String path = op.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
            spec = spec.contentType(op.consumes()).body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return spec.request(op.method(), path);
    }
}
