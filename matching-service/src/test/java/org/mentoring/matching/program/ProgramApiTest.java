package org.mentoring.matching.program;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mentoring.matching.program.People.PROBLEM;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.MentoringTestResource;

/** Programmes and enrolment through REST: CRUD, validation, who may do what, the window and eligibility. */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "matching"))
class ProgramApiTest {

    private static People people;

    @Inject
    DataSource dataSource;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @AfterAll
    static void close() {
        if (people != null) {
            people.close();
            people = null;
        }
    }

    private synchronized People people() {
        if (people == null) {
            people = new People(kafkaConfig, dataSource);
        }
        return people;
    }

    private static String create(People.Person admin, Map<String, Object> fields) {
        return admin.asProgramAdmin().contentType("application/json").body(fields)
                .when().post("/v1/programs")
                .then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> openProgram(Map<String, Object> extra) {
        Map<String, Object> fields = new HashMap<>(Map.of("name", "Kotlin circle", "kind", "one_to_one",
                "opensAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString(),
                "closesAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).toString()));
        fields.putAll(extra);
        return fields;
    }

    private static void status(People.Person admin, String id, String status) {
        admin.asProgramAdmin().contentType("application/json").body(Map.of("status", status))
                .when().patch("/v1/programs/" + id)
                .then().statusCode(200).body("status", equalTo(status));
    }

    @Test
    void anAdminCreatesReadsChangesAndListsAProgramme() throws Exception {
        People.Person admin = people().person("People", 6, Map.of());
        People.Person coAdmin = people().person("People", 6, Map.of());
        people().publish(admin, coAdmin);

        String id = admin.asProgramAdmin().contentType("application/json")
                .body(Map.of("name", "Leadership 2027", "description", "For new leads", "kind", "group",
                        "startsOn", "2027-01-10", "endsOn", "2027-06-30", "adminIds", List.of(coAdmin.id().toString()),
                        "eligibility", Map.of("departments", List.of("Engineering"), "levelMin", 3, "levelMax", 6)))
                .when().post("/v1/programs")
                .then().statusCode(201)
                .header("ETag", notNullValue())
                .header("Location", org.hamcrest.Matchers.containsString("/v1/programs/"))
                .body("status", equalTo("draft"))
                .body("algorithm", equalTo("OPTIMAL"))
                .body("weights.goals", equalTo(0.4f))
                .body("groupSize", equalTo(5))
                .body("adminIds", contains(admin.id().toString(), coAdmin.id().toString()))
                .extract().path("id");

        String etag = admin.asProgramAdmin().when().get("/v1/programs/" + id)
                .then().statusCode(200).body("name", equalTo("Leadership 2027"))
                .body("eligibility.levelMin", equalTo(3)).extract().header("ETag");

        coAdmin.asProgramAdmin().header("If-Match", etag).contentType("application/json")
                .body(Map.of("name", "Leadership 2027 (spring)", "status", "enrolling", "groupSize", 4))
                .when().patch("/v1/programs/" + id)
                .then().statusCode(200).body("name", equalTo("Leadership 2027 (spring)"))
                .body("status", equalTo("enrolling")).body("groupSize", equalTo(4));
        admin.asProgramAdmin().header("If-Match", etag).contentType("application/json")
                .body(Map.of("description", "stale"))
                .when().patch("/v1/programs/" + id)
                .then().statusCode(412).contentType(PROBLEM);
        String current = admin.asProgramAdmin().when().get("/v1/programs/" + id).then().statusCode(200)
                .extract().header("ETag");
        admin.asProgramAdmin().header("If-Match", "W/" + current).contentType("application/json")
                .body(Map.of("description", "weak"))
                .when().patch("/v1/programs/" + id)
                .then().statusCode(412).contentType(PROBLEM);
        admin.asProgramAdmin().header("If-Match", etag + ", " + current).contentType("application/json")
                .body(Map.of("description", "listed"))
                .when().patch("/v1/programs/" + id)
                .then().statusCode(200).body("description", equalTo("listed"));

        admin.asProgramAdmin().queryParam("limit", 100).when().get("/v1/programs")
                .then().statusCode(200).body("items.id", hasItem(id));
        admin.asProgramAdmin().queryParam("limit", "all").when().get("/v1/programs")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("limit"));
        admin.asProgramAdmin().queryParam("limit", "1e2").when().get("/v1/programs/" + id + "/enrolments")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("limit"));
        admin.asProgramAdmin().queryParam("limit", "").when().get("/v1/programs/" + id + "/matching-runs")
                .then().statusCode(200);
        admin.asProgramAdmin().queryParam("limit", "-1").when().get("/v1/programs/" + id + "/matching-runs")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("limit"));
        admin.asProgramAdmin().queryParam("status", "enrolling").queryParam("limit", 100).when().get("/v1/programs")
                .then().statusCode(200).body("items.id", hasItem(id)).body("items.status", not(hasItem("draft")));
        assertTrue(EventCatalogue.load().assertOutboxConforms(dataSource, "matching") > 0);
    }

    @Test
    void listingPagesWithACursor() throws Exception {
        People.Person admin = people().person("People", 6, Map.of());
        people().publish(admin);
        for (int i = 0; i < 3; i++) {
            create(admin, Map.of("name", "Programme " + i, "kind", "peer"));
        }
        String cursor = admin.asProgramAdmin().queryParam("limit", 2).when().get("/v1/programs")
                .then().statusCode(200).body("items.size()", equalTo(2)).extract().path("nextCursor");
        admin.asProgramAdmin().queryParam("limit", 2).queryParam("cursor", cursor).when().get("/v1/programs")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("nextCursor", equalTo(null))
                .body("items[0].algorithm", equalTo("PEER"));
        admin.asProgramAdmin().queryParam("cursor", "not-a-cursor").when().get("/v1/programs")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void invalidProgrammesAreRefusedWithProblemsNamingTheField() throws Exception {
        People.Person admin = people().person("People", 6, Map.of());
        people().publish(admin);
        admin.asProgramAdmin().contentType("application/json")
                .body(Map.of("name", "X", "kind", "triad", "mentorCapacity", 0,
                        "weights", Map.of("goals", 1.5, "seniority", 0, "perspective", 0, "workingHours", 0,
                                "capacity", 0, "quality", 0)))
                .when().post("/v1/programs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:mentoring:problem:validation"))
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("kind")))
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("mentorCapacity")))
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("weights.goals")));
        admin.asProgramAdmin().contentType("application/json")
                .body(Map.of("name", "X", "kind", "one_to_one", "weights", Map.of("goals", 0.9, "seniority", 0.9,
                        "perspective", 0, "workingHours", 0, "capacity", 0, "quality", 0)))
                .when().post("/v1/programs")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("weights"));
        admin.asProgramAdmin().contentType("application/json")
                .body(Map.of("name", "X", "kind", "one_to_one", "opensAt", "2027-02-01T00:00:00Z",
                        "closesAt", "2027-01-01T00:00:00Z"))
                .when().post("/v1/programs")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("closesAt"));
        admin.asProgramAdmin().contentType("application/json")
                .body(Map.of("name", "X", "kind", "one_to_one", "algorithm", "PEER"))
                .when().post("/v1/programs")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("algorithm"));
        admin.asProgramAdmin().contentType("application/json").body(Map.of("kind", "peer"))
                .when().post("/v1/programs")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("name"));
        admin.asProgramAdmin().contentType("application/json").body(Map.of("name", "X", "kind", "peer", "colour", "red"))
                .when().post("/v1/programs")
                .then().statusCode(400).contentType(PROBLEM);
        admin.asProgramAdmin().when().get("/v1/programs/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void statusMovesOnlyAlongItsTransitions() throws Exception {
        People.Person admin = people().person("People", 6, Map.of());
        people().publish(admin);
        String id = create(admin, Map.of("name", "Flow", "kind", "reverse"));
        admin.asProgramAdmin().contentType("application/json").body(Map.of("status", "running"))
                .when().patch("/v1/programs/" + id)
                .then().statusCode(409).contentType(PROBLEM);
        status(admin, id, "enrolling");
        admin.asProgramAdmin().contentType("application/json").body(Map.of("kind", "peer"))
                .when().patch("/v1/programs/" + id)
                .then().statusCode(409).contentType(PROBLEM);
        status(admin, id, "closed");
        admin.asProgramAdmin().contentType("application/json").body(Map.of("status", "enrolling"))
                .when().patch("/v1/programs/" + id)
                .then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void employeesAndOtherProgrammesAdminsCannotManageAProgramme() throws Exception {
        People.Person admin = people().person("People", 6, Map.of());
        People.Person otherAdmin = people().person("People", 6, Map.of());
        People.Person employee = people().person("Engineering", 3, Map.of());
        People.Person hr = people().person("HR", 6, Map.of());
        people().publish(admin, otherAdmin, employee, hr);
        String id = create(admin, openProgram(Map.of()));

        employee.asEmployee().contentType("application/json").body(Map.of("name", "Mine", "kind", "peer"))
                .when().post("/v1/programs").then().statusCode(403).contentType(PROBLEM);
        employee.asEmployee().when().get("/v1/programs").then().statusCode(403);
        employee.asEmployee().when().get("/v1/programs/" + id).then().statusCode(403);
        employee.asEmployee().when().get("/v1/programs/" + id + "/enrolments").then().statusCode(403);
        employee.asEmployee().contentType("application/json").when().post("/v1/programs/" + id + "/matching-runs")
                .then().statusCode(403);

        otherAdmin.asProgramAdmin().when().get("/v1/programs/" + id).then().statusCode(404).contentType(PROBLEM);
        otherAdmin.asProgramAdmin().contentType("application/json").body(Map.of("name", "Taken over"))
                .when().patch("/v1/programs/" + id).then().statusCode(404);
        otherAdmin.asProgramAdmin().when().get("/v1/programs/" + id + "/enrolments").then().statusCode(404);
        otherAdmin.asProgramAdmin().contentType("application/json").when().post("/v1/programs/" + id + "/matching-runs")
                .then().statusCode(404);
        otherAdmin.asProgramAdmin().queryParam("limit", 100).when().get("/v1/programs")
                .then().statusCode(200).body("items.id", not(hasItem(id)));

        hr.as("employee", "hr-admin").when().get("/v1/programs/" + id).then().statusCode(200);
        given().when().get("/v1/programs/" + id).then().statusCode(401);
    }

    @Test
    void employeesEnrolThemselvesOnlyWhileTheWindowIsOpen() throws Exception {
        People.Person admin = people().person("People", 6, Map.of());
        People.Person employee = people().person("Engineering", 3, Map.of("Java", 2));
        people().publish(admin, employee);
        Map<String, Object> asMentee = Map.of("role", "mentee",
                "goals", List.of(Map.of("skill", "Kotlin", "priority", 3)));

        String draft = create(admin, openProgram(Map.of()));
        enrol(employee, draft, asMentee, 409);

        String future = create(admin, openProgram(Map.of("opensAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(2)
                .toString(), "closesAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(9).toString())));
        status(admin, future, "enrolling");
        enrol(employee, future, asMentee, 409);

        String past = create(admin, openProgram(Map.of("opensAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(9)
                .toString(), "closesAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).toString())));
        status(admin, past, "enrolling");
        enrol(employee, past, asMentee, 409);

        String open = create(admin, openProgram(Map.of()));
        status(admin, open, "enrolling");
        String enrolmentId = employee.asEmployee().contentType("application/json").body(asMentee)
                .when().post("/v1/programs/" + open + "/enrolments")
                .then().statusCode(201)
                .body("profileId", equalTo(employee.id().toString()))
                .body("goals[0].skill", equalTo("Kotlin"))
                .body("goals[0].targetLevel", equalTo(3))
                .extract().path("id");
        enrol(employee, open, asMentee, 409);
        admin.asProgramAdmin().when().get("/v1/programs/" + open + "/enrolments")
                .then().statusCode(200).body("items.profileId", hasItem(employee.id().toString()));

        employee.asEmployee().when().delete("/v1/programs/" + open + "/enrolments/" + enrolmentId)
                .then().statusCode(204);
        admin.asProgramAdmin().when().get("/v1/programs/" + open + "/enrolments")
                .then().statusCode(200).body("items.size()", equalTo(0));
        assertTrue(EventCatalogue.load().assertOutboxConforms(dataSource, "matching") > 0);
    }

    @Test
    void enrolmentChecksRolesGoalsEligibilityAndWhoEnrolsWhom() throws Exception {
        People.Person admin = people().person("People", 6, Map.of());
        People.Person engineer = people().person("Engineering", 3, Map.of());
        People.Person senior = people().person("Engineering", 9, Map.of("Kotlin", 5));
        People.Person salesperson = people().person("Sales", 3, Map.of());
        People.Person colleague = people().person("Engineering", 4, Map.of());
        people().publish(admin, engineer, senior, salesperson, colleague);
        String id = create(admin, openProgram(Map.of("eligibility",
                Map.of("departments", List.of("engineering"), "levelMax", 8))));
        status(admin, id, "enrolling");

        enrol(engineer, id, Map.of("role", "mentee"), 400);
        enrol(engineer, id, Map.of("role", "peer", "goals", List.of(Map.of("skill", "Kotlin"))), 400);
        enrol(engineer, id, Map.of("role", "mentee", "capacity", 2, "goals", List.of(Map.of("skill", "Kotlin"))), 400);
        enrol(engineer, id, Map.of("role", "mentee", "goals", List.of(Map.of("skill", "Kotlin", "priority", 7))), 400);
        salesperson.asEmployee().contentType("application/json")
                .body(Map.of("role", "mentee", "goals", List.of(Map.of("skill", "Kotlin"))))
                .when().post("/v1/programs/" + id + "/enrolments")
                .then().statusCode(422).contentType(PROBLEM)
                .body("detail", org.hamcrest.Matchers.containsString("engineering"));
        enrol(senior, id, Map.of("role", "mentor"), 422);

        engineer.asEmployee().contentType("application/json")
                .body(Map.of("role", "mentee", "profileId", colleague.id().toString(),
                        "goals", List.of(Map.of("skill", "Kotlin"))))
                .when().post("/v1/programs/" + id + "/enrolments")
                .then().statusCode(403).contentType(PROBLEM);
        String colleagues = admin.asProgramAdmin().contentType("application/json")
                .body(Map.of("role", "mentor", "profileId", colleague.id().toString(), "capacity", 3))
                .when().post("/v1/programs/" + id + "/enrolments")
                .then().statusCode(201).body("capacity", equalTo(3)).extract().path("id");
        engineer.asEmployee().when().delete("/v1/programs/" + id + "/enrolments/" + colleagues)
                .then().statusCode(404).contentType(PROBLEM);
        admin.asProgramAdmin().when().delete("/v1/programs/" + id + "/enrolments/" + colleagues)
                .then().statusCode(204);
    }

    private static void enrol(People.Person who, String programId, Map<String, Object> body, int status) {
        who.asEmployee().contentType("application/json").body(body)
                .when().post("/v1/programs/" + programId + "/enrolments")
                .then().statusCode(status);
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given();
    }
}
