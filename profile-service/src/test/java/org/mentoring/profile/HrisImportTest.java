package org.mentoring.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mentoring.profile.Api.PROBLEM;
import static org.mentoring.profile.Api.as;
import static org.mentoring.profile.Api.hrAdmin;
import static org.mentoring.profile.Api.unique;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mentoring.platform.testing.ContractValidation;
import org.mentoring.platform.testing.MentoringTestResource;

@QuarkusTest
@ExtendWith(ContractValidation.class)
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class HrisImportTest {

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    static final String HEADER = "externalId,email,displayName,jobTitle,department,location,timeZone,"
            + "languages,level,gradeLabel,managerExternalId,hireDate,status\n";

    static JsonPath importAndWait(String caller, String integration, String contentType, String body,
                                          String query) {
        return importAndWait(caller, integration, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), query);
    }

    /** A request that sends the Content-Type as given: without a charset of REST Assured's own (ISO-8859-1) added. */
    static io.restassured.specification.RequestSpecification asSent(String caller) {
        return as(caller).config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig
                .encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    static JsonPath importAndWait(String caller, String integration, String contentType, byte[] body, String query) {
        String location = asSent(caller).contentType(contentType).body(body)
                .when().post("/v1/hris/" + integration + "/imports" + query)
                .then().statusCode(202)
                .body("status", equalTo("queued"))
                .extract().header("Location");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = as(caller).when().get(location).then().statusCode(200).extract().jsonPath();
            // Progress is a fraction at every poll: the total is stated before any row counts as processed.
            assertTrue(job.getInt("processedRows") <= job.getInt("totalRows"), job.prettify());
            String status = job.getString("status");
            if (status.equals("completed") || status.equals("failed")) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("import did not finish in time: " + location);
    }

    private static String row(String prefix, int i, String manager, String title) {
        String id = prefix + "-" + i;
        return id + "," + id + "@example.com,\"Imported, " + id + "\"," + title + ",Operations,Lisbon,Europe/Lisbon,"
                + "pt;en,3,L3," + (manager == null ? "" : manager) + ",2021-05-0" + (1 + i % 9) + ",active\n";
    }

    private String[] nameAndTitle(String externalId) throws java.sql.SQLException {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("SELECT display_name, job_title FROM profile WHERE external_id = ?")) {
            s.setString(1, externalId);
            try (var rs = s.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    @Test
    void aStrayQuoteStaysInItsFieldAndNeverRunsIntoTheNextLines() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("quote");
        String csv = HEADER
                + p + "-1," + p + "-1@example.com,Ana \"Nana Lopez,Analyst,Finance,Madrid,Europe/Madrid,es,5,P5,,2020-01-01,active\n"
                + p + "-2," + p + "-2@example.com,Bob \"Bobby\" Smith,Director,Finance,Lisbon,Europe/Lisbon,pt,8,D1,,2019-01-01,active\n"
                + p + "-3," + p + "-3@example.com, \"Ruiz, Carla\" ,Lead,Finance,Madrid,Europe/Madrid,es,6,L6,,2018-01-01,active\n";
        JsonPath job = importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "");
        assertEquals(3, job.getInt("created"), job.prettify());
        assertEquals(0, job.getInt("errorCount"));
        assertArrayEquals(new String[] {"Ana \"Nana Lopez", "Analyst"}, nameAndTitle(p + "-1"));
        assertArrayEquals(new String[] {"Bob \"Bobby\" Smith", "Director"}, nameAndTitle(p + "-2"));
        assertArrayEquals(new String[] {"Ruiz, Carla", "Lead"}, nameAndTitle(p + "-3"));
    }

    @Test
    void aRowLinkedToItsManagerOnlyNowCountsAsUpdatedNotAlsoUnchanged() {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("relink");
        // The report names a manager the first file does not hold; the second file holds both, the report's row as
        // before: the report is linked to the new manager and counted once, as updated.
        JsonPath first = importAndWait(hrAdmin(), hris.id(), "text/csv", HEADER + row(p, 1, p + "-2", "Analyst"), "");
        assertEquals(1, first.getInt("created"), first.prettify());
        JsonPath second = importAndWait(hrAdmin(), hris.id(), "text/csv",
                HEADER + row(p, 1, p + "-2", "Analyst") + row(p, 2, null, "Head"), "");
        assertEquals(1, second.getInt("created"), second.prettify());
        assertEquals(1, second.getInt("updated"));
        assertEquals(0, second.getInt("unchanged"));
        assertEquals(2, second.getInt("processedRows"));
    }

    @Test
    void aHireDateTheProfileCannotHoldIsAnErrorOfItsRowOnly() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("dates");
        String csv = HEADER
                + p + "-1," + p + "-1@example.com,Zero,Analyst,Finance,Madrid,Europe/Madrid,es,5,P5,,0000-01-01,active\n"
                + p + "-2," + p + "-2@example.com,Far,Analyst,Finance,Madrid,Europe/Madrid,es,5,P5,,+10000-01-01,active\n"
                + p + "-3," + p + "-3@example.com,First,Analyst,Finance,Madrid,Europe/Madrid,es,5,P5,,0001-01-01,active\n";
        JsonPath job = importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "");
        assertEquals("completed", job.getString("status"), job.prettify());
        assertEquals(1, job.getInt("created"));
        assertEquals(java.util.List.of(2, 3), job.getList("errors.line"));
        assertEquals(java.util.List.of("hireDate", "hireDate"), job.getList("errors.field"));
        assertEquals(null, nameAndTitle(p + "-1"));
        assertArrayEquals(new String[] {"First", "Analyst"}, nameAndTitle(p + "-3"));
        String id;
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("SELECT id::text FROM profile WHERE external_id = ?")) {
            s.setString(1, p + "-3");
            try (var rs = s.executeQuery()) {
                rs.next();
                id = rs.getString(1);
            }
        }
        // Through the profile API too: a field error, not a failure of the database.
        String etag = as(hrAdmin()).when().get("/v1/profiles/" + id).then().statusCode(200).extract().header("ETag");
        as(hrAdmin()).header("If-Match", etag).contentType("application/merge-patch+json").body("{\"hireDate\":\"0000-01-01\"}")
                .when().patch("/v1/profiles/" + id).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("hireDate"));
    }

    @Test
    void aHeaderWithoutTheEmployeeIdOrWithAColumnTwiceFailsTheFileAsAWhole() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("header");
        String rows = p + "-1," + p + "-1@example.com,One\n" + p + "-2," + p + "-2@example.com,Two\n";
        JsonPath misnamed = importAndWait(hrAdmin(), hris.id(), "text/csv", "employeeId,email,displayName\n" + rows, "");
        assertEquals("failed", misnamed.getString("status"), misnamed.prettify());
        assertEquals("the CSV header has no column externalId (the employee id under the field mapping standard); the "
                + "first line must name the columns", misnamed.getString("failure"));
        // A file without a header: its first employee's data is not kept in the job's failure.
        JsonPath headless = importAndWait(hrAdmin(), hris.id(), "text/csv", rows, "");
        assertEquals("failed", headless.getString("status"), headless.prettify());
        assertFalse(headless.getString("failure").contains(p), headless.getString("failure"));
        JsonPath twice = importAndWait(hrAdmin(), hris.id(), "text/csv", "externalId,email,email\n" + rows.replace(",One", ",x@example.com")
                .replace(",Two", ",y@example.com"), "");
        assertEquals("failed", twice.getString("status"), twice.prettify());
        assertEquals("the CSV header names the column email twice", twice.getString("failure"));
        assertEquals(null, nameAndTitle(p + "-1"));
    }

    @Test
    void columnsTheMappingDoesNotUseAreNamedWithTheJob() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("ignored");
        JsonPath csv = importAndWait(hrAdmin(), hris.id(), "text/csv", "externalId,email,displayName,jobtitle,costCenter\n"
                + p + "-1," + p + "-1@example.com,One,Analyst,CC-7\n", "");
        assertEquals(1, csv.getInt("created"), csv.prettify());
        assertEquals(java.util.List.of("jobtitle", "costCenter"), csv.getList("ignoredColumns"));
        assertArrayEquals(new String[] {"One", null}, nameAndTitle(p + "-1"), "a misspelt column sets nothing");
        JsonPath jsonl = importAndWait(hrAdmin(), hris.id(), "application/jsonl", "{\"externalId\":\"" + p + "-2\",\"email\":\""
                + p + "-2@example.com\",\"displayName\":\"Two\",\"costCenter\":\"CC-7\"}\n{\"externalId\":\"" + p
                + "-3\",\"email\":\"" + p + "-3@example.com\",\"displayName\":\"Three\",\"team\":\"x\"}\n", "");
        assertEquals(2, jsonl.getInt("created"), jsonl.prettify());
        assertEquals(java.util.List.of("costCenter", "team"), jsonl.getList("ignoredColumns"));
        JsonPath none = importAndWait(hrAdmin(), hris.id(), "text/csv", HEADER + row(p, 4, null, "Lead"), "");
        assertEquals(java.util.List.of(), none.getList("ignoredColumns"));
    }

    @Test
    void aJsonLineHoldsOneObjectWhoseValuesAreOfTheTypesAFieldTakes() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("types");
        String a = "{\"externalId\":\"" + p + "-a\",\"email\":\"" + p + "-a@example.com\",\"displayName\":\"A\"}";
        String b = "{\"externalId\":\"" + p + "-b\",\"email\":\"" + p + "-b@example.com\",\"displayName\":\"B\"}";
        String jsonl = a + b + "\n"
                + a + " trailing\n"
                + "{\"externalId\":\" " + p + "-c \",\"email\":\"" + p + "-c@example.com\",\"displayName\":{\"first\":\"C\"},"
                + "\"jobTitle\":true,\"languages\":[\"en\",null]}\n"
                + "{\"externalId\":\"" + p + "-d\",\"email\":\"" + p + "-d@example.com\",\"displayName\":\"D\","
                + "\"languages\":[\"en\",\"de\"],\"level\":4}\n";
        JsonPath job = importAndWait(hrAdmin(), hris.id(), "application/jsonl", jsonl, "");
        assertEquals("completed", job.getString("status"), job.prettify());
        assertEquals(1, job.getInt("created"));
        assertEquals(java.util.List.of(1, 2, 3, 3, 3), job.getList("errors.line"));
        assertEquals(java.util.List.of("", "", "displayName", "jobTitle", "languages"), job.getList("errors.field"));
        assertEquals(p + "-c", job.getString("errors[2].externalId"));
        assertTrue(job.getString("errors[0].message").contains("more than one value"), job.prettify());
        for (String x : new String[] {"a", "b", "c"}) {
            assertEquals(null, nameAndTitle(p + "-" + x), x);
        }
        assertEquals("D", nameAndTitle(p + "-d")[0]);
    }

    @Test
    void rowsTheProfileApiWouldRefuseAreRefusedOneByOneAndTheRestGoIn() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("rules");
        StringBuilder languages = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            languages.append(i == 0 ? "" : ";").append('a').append((char) ('a' + i));
        }
        String ok = ",Europe/Madrid,es,5,P5,,2020-01-01,active\n";
        String csv = HEADER
                + p + "-1," + p + "-1@example.com,Nul\u0000Name,Analyst,Finance,Madrid" + ok
                + p + "-2," + p + "-2@example.com,Grade,Analyst,Finance,Madrid,Europe/Madrid,es,5," + "g".repeat(101) + ",,2020-01-01,active\n"
                + p + "-3," + p + "-3@example.com,Offset,Analyst,Finance,Madrid,+02:00,es,5,P5,,2020-01-01,active\n"
                + p + "-4," + p + "-4@example.com,Polyglot,Analyst,Finance,Madrid,Europe/Madrid," + languages + ",5,P5,,2020-01-01,active\n"
                + p + "-5," + p + "-5@example..com,Dots,Analyst,Finance,Madrid" + ok
                + p + "-6," + p + "-6@example.com,Boss,Analyst,Finance,Madrid,Europe/Madrid,es,5,P5," + "m".repeat(101) + ",2020-01-01,active\n"
                + p + "-7\u0000," + p + "-7@example.com,Id,Analyst,Finance,Madrid" + ok
                + p + "-8," + p + "-8@example.com,Fine,Analyst,Finance,Madrid" + ok;
        JsonPath job = importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "");
        assertEquals("completed", job.getString("status"), job.prettify());
        assertEquals(1, job.getInt("created"));
        assertEquals(java.util.List.of("displayName", "gradeLabel", "timeZone", "languages", "email",
                "managerExternalId", "externalId"), job.getList("errors.field"), job.prettify());
        assertEquals(java.util.List.of(2, 3, 4, 5, 6, 7, 8), job.getList("errors.line"));
        assertEquals("Fine", nameAndTitle(p + "-8")[0]);
    }

    @Test
    void aFileThatIsNotTextInItsCharsetIsRefusedAtOnceAndTheCharsetItNamesIsRead() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("charset");
        byte[] latin = (HEADER + p + "-1," + p + "-1@example.com,Ana L\u00f3pez,Analista,Finanzas,Madrid,Europe/Madrid,"
                + "es,5,P5,,2020-01-01,active\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        asSent(hrAdmin()).contentType("text/csv").body(latin).when().post("/v1/hris/" + hris.id() + "/imports")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("(line 2)"));
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("SELECT count(*) FROM hris_import WHERE integration_id = ?::uuid")) {
            s.setString(1, hris.id());
            try (var rs = s.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no job for a file refused at the door");
            }
        }
        asSent(hrAdmin()).contentType("text/csv; charset=klingon").body(latin).when().post("/v1/hris/" + hris.id() + "/imports")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("Content-Type"));
        JsonPath job = importAndWait(hrAdmin(), hris.id(), "text/csv; charset=windows-1252", latin, "");
        assertEquals(1, job.getInt("created"), job.prettify());
        assertEquals("Ana L\u00f3pez", nameAndTitle(p + "-1")[0]);
    }

    @Test
    void csvImportUpsertsByExternalIdAndASecondIdenticalImportChangesNothing() {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("imp");
        String csv = HEADER + row(p, 0, null, "Head of Ops") + row(p, 1, p + "-0", "Analyst")
                + p + "-2,broken-email,Broken,,,,,,,,,,\n"
                + row(p, 3, p + "-0", "Analyst");
        String hr = hrAdmin();
        JsonPath first = importAndWait(hr, hris.id(), "text/csv", csv, "");
        assertEquals("completed", first.getString("status"), first.prettify());
        assertEquals(4, first.getInt("totalRows"));
        assertEquals(3, first.getInt("created"));
        assertEquals(0, first.getInt("updated"));
        assertEquals(1, first.getInt("errorCount"));
        assertEquals(4, first.getInt("errors[0].line"));
        assertEquals("email", first.getString("errors[0].field"));

        String headId = as(hr).queryParam("q", "Imported, " + p + "-0").when().get("/v1/profiles")
                .then().statusCode(200).extract().path("items[0].id");
        as(hr).queryParam("q", "Imported, " + p + "-1").when().get("/v1/profiles")
                .then().statusCode(200).body("items[0].managerId", equalTo(headId))
                .body("items[0].languages[0]", equalTo("pt"));

        JsonPath second = importAndWait(hr, hris.id(), "text/csv", csv, "");
        assertEquals(0, second.getInt("created"), second.prettify());
        assertEquals(0, second.getInt("updated"));
        assertEquals(3, second.getInt("unchanged"));

        String changed = csv.replace(p + "-3,Analyst", "X").replace(row(p, 3, p + "-0", "Analyst"),
                row(p, 3, p + "-0", "Senior Analyst"));
        JsonPath third = importAndWait(Api.integration(), hris.id(), "text/csv", changed, "");
        assertEquals(1, third.getInt("updated"), third.prettify());
        assertEquals(2, third.getInt("unchanged"));
    }

    @Test
    void aRowPassedOverAsLastImportedIsComparedInFullOnceThePersonChangedElsewhere() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("again");
        // p-5 names a manager this file does not hold yet.
        String csv = HEADER + row(p, 0, null, "Lead") + row(p, 1, p + "-0", "Analyst") + row(p, 2, p + "-0", "Analyst")
                + row(p, 5, p + "-6", "Analyst");
        assertEquals(4, importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "").getInt("created"));
        JsonPath same = importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "");
        assertEquals(4, same.getInt("unchanged"), same.prettify());

        // HR moves p-1 to another department, a webhook retitles p-2, and p-5's manager arrives: the next sync of the
        // same file puts back what the HRIS file says and keeps the manager link.
        String id1 = profileId(p + "-1");
        String etag = as(hrAdmin()).when().get("/v1/profiles/" + id1).then().statusCode(200).extract().header("ETag");
        as(hrAdmin()).contentType(Api.MERGE_PATCH).header("If-Match", etag).body("{\"department\":\"Finance\"}")
                .when().patch("/v1/profiles/" + id1).then().statusCode(200).body("department", equalTo("Finance"));
        update(hris, "2026-08-01T09:00:00Z", p + "-2", "Principal", "applied");
        Hris.expect(hris, "employee.created", "2026-08-01T09:00:00Z",
                        "{\"externalId\":\"" + p + "-6\",\"email\":\"" + p + "-6@example.com\",\"displayName\":\"Boss "
                                + p + "\"}", "applied");
        JsonPath sync = importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "");
        assertEquals(2, sync.getInt("updated"), sync.prettify());
        assertEquals(2, sync.getInt("unchanged"));
        assertEquals("Analyst active", titleAndStatus(p + "-2"));
        as(hrAdmin()).when().get("/v1/profiles/" + id1).then().statusCode(200).body("department", equalTo("Operations"));
        as(hrAdmin()).when().get("/v1/profiles/" + profileId(p + "-5")).then().statusCode(200)
                .body("managerId", equalTo(profileId(p + "-6")));

        JsonPath quiet = importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "");
        assertEquals(4, quiet.getInt("unchanged"), quiet.prettify());
        assertEquals(0, quiet.getInt("updated"));
        // A full sync that terminates the missing brings back a terminated person it lists without a status, even
        // when their row is the one a plain import last found unchanged.
        String noStatus = HEADER + row(p, 0, null, "Lead").replace(",active\n", ",\n")
                + row(p, 7, p + "-0", "Analyst").replace(",active\n", ",\n");
        assertEquals(1, importAndWait(hrAdmin(), hris.id(), "text/csv", noStatus, "").getInt("created"));
        Hris.expect(hris, "employee.terminated", "2026-08-02T09:00:00Z",
                "{\"externalId\":\"" + p + "-7\"}", "applied");
        JsonPath plain = importAndWait(hrAdmin(), hris.id(), "text/csv", noStatus, "");
        assertEquals(0, plain.getInt("updated"), plain.prettify());
        assertEquals("Analyst terminated", titleAndStatus(p + "-7"));
        JsonPath full = importAndWait(hrAdmin(), hris.id(), "text/csv", noStatus + row(p, 1, p + "-0", "Analyst")
                        + row(p, 2, p + "-0", "Analyst") + row(p, 5, p + "-6", "Analyst"),
                "?fullSync=true&terminateMissing=true&maxTerminations=1");
        assertEquals("completed", full.getString("status"), full.prettify());
        assertEquals("Analyst active", titleAndStatus(p + "-7"));

        // A changed row is never passed over.
        JsonPath changed = importAndWait(hrAdmin(), hris.id(), "text/csv",
                csv.replace(row(p, 2, p + "-0", "Analyst"), row(p, 2, p + "-0", "Senior Analyst")), "");
        assertEquals(1, changed.getInt("updated"), changed.prettify());
        assertEquals("Senior Analyst active", titleAndStatus(p + "-2"));
    }

    @Test
    void aRowIsPassedOverByItsTextInTheFileUnderTheSameHeaderAndStillHeldToFirstWins() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("text");
        String csv = HEADER + row(p, 0, null, "Lead") + row(p, 1, p + "-0", "Analyst");
        assertEquals(2, importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "").getInt("created"));
        byte[] first = rowDigest(p + "-0");
        assertEquals(16, first.length);
        assertEquals(2, importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "").getInt("unchanged"));
        assertArrayEquals(first, rowDigest(p + "-0"), "the same line again: passed over, nothing rewritten");

        // The same people with the first two columns swapped: compared in full (nothing changes), then remembered
        // under the new header, so the file after that is passed over.
        StringBuilder swapped = new StringBuilder();
        for (String line : csv.split("\n")) {
            String[] cut = line.split(",", 3);
            swapped.append(cut[1]).append(',').append(cut[0]).append(',').append(cut[2]).append('\n');
        }
        JsonPath reordered = importAndWait(hrAdmin(), hris.id(), "text/csv", swapped.toString(), "");
        assertEquals(2, reordered.getInt("unchanged"), reordered.prettify());
        assertEquals(0, reordered.getInt("updated"));
        byte[] underNewHeader = rowDigest(p + "-0");
        assertFalse(java.util.Arrays.equals(first, underNewHeader), "another header is another text");
        assertEquals(2, importAndWait(hrAdmin(), hris.id(), "text/csv", swapped.toString(), "").getInt("unchanged"));
        assertArrayEquals(underNewHeader, rowDigest(p + "-0"));

        // Spaces around a value change the text, not the person.
        JsonPath spaced = importAndWait(hrAdmin(), hris.id(), "text/csv",
                swapped.toString().replace(",Lead,", ", Lead ,"), "");
        assertEquals(2, spaced.getInt("unchanged"), spaced.prettify());
        assertFalse(java.util.Arrays.equals(underNewHeader, rowDigest(p + "-0")));

        // A row passed over still counts for first-wins: the same row twice, and someone new with p-0's email.
        String lineOfP1 = swapped.toString().split("\n")[2];
        String twice = swapped + lineOfP1 + "\n" + row(p, 9, p + "-0", "Analyst").replace(p + "-9@", p + "-0@")
                .replaceFirst("^([^,]*),([^,]*),", "$2,$1,");
        JsonPath duplicates = importAndWait(hrAdmin(), hris.id(), "text/csv", twice, "");
        assertEquals(2, duplicates.getInt("unchanged"), duplicates.prettify());
        assertEquals(0, duplicates.getInt("created"));
        assertEquals(2, duplicates.getInt("errorCount"));
        assertEquals(4, duplicates.getInt("errors[0].line"));
        assertEquals("externalId", duplicates.getString("errors[0].field"));
        assertEquals("appears again; first on line 3", duplicates.getString("errors[0].message"));
        assertEquals(5, duplicates.getInt("errors[1].line"));
        assertEquals("email", duplicates.getString("errors[1].field"));
        assertEquals("is used on line 2 too", duplicates.getString("errors[1].message"));
    }

    @Test
    void jsonLinesPassedOverAreHeldToFirstWinsWhateverTheShapeOfTheirIds() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("jsonl");
        String a = "{\"externalId\":\"" + p + "-a\",\"email\":\"" + p + "-a@example.com\",\"displayName\":\"A\"}";
        // An employee id given as a number, and a member given twice (the last counts).
        long number = Math.abs(p.hashCode()) + 1_000_000L;
        String b = "{\"externalId\":" + number + ",\"email\":\"" + p + "-b@example.com\",\"displayName\":\"B\"}";
        String c = "{\"email\":\"wrong@example.com\",\"externalId\":\"" + p + "-c\",\"displayName\":\"C\","
                + "\"email\":\"" + p + "-c@example.com\"}";
        String lines = a + "\n" + b + "\n" + c + "\n";
        assertEquals(3, importAndWait(hrAdmin(), hris.id(), "application/jsonl", lines, "").getInt("created"));
        byte[] digestOfC = rowDigest(p + "-c");
        assertEquals(3, importAndWait(hrAdmin(), hris.id(), "application/jsonl", lines, "").getInt("unchanged"));
        assertArrayEquals(digestOfC, rowDigest(p + "-c"), "the same line keeps its digest");
        as(hrAdmin()).when().get("/v1/profiles/" + profileId(p + "-c")).then().statusCode(200)
                .body("email", equalTo(p + "-c@example.com"));

        // The same lines again, each followed by a later line with its id or its email: every later one is refused.
        String again = lines + a.replace("\"A\"", "\"A again\"") + "\n"
                + "{\"externalId\":\"" + p + "-d\",\"email\":\"" + p + "-B@example.com\",\"displayName\":\"D\"}\n"
                + "{\"externalId\":\"" + p + "-e\",\"email\":\"" + p + "-c@example.com\",\"displayName\":\"E\"}\n";
        JsonPath job = importAndWait(hrAdmin(), hris.id(), "application/jsonl", again, "");
        assertEquals(3, job.getInt("unchanged"), job.prettify());
        assertEquals(0, job.getInt("created"));
        assertEquals(3, job.getInt("errorCount"));
        assertEquals("appears again; first on line 1", job.getString("errors[0].message"));
        assertEquals("is used on line 2 too", job.getString("errors[1].message"));
        assertEquals("is used on line 3 too", job.getString("errors[2].message"));
    }

    private byte[] rowDigest(String externalId) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT hris_row_digest FROM profile WHERE external_id = ?")) {
            s.setString(1, externalId);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), externalId);
                return rs.getBytes(1);
            }
        }
    }

    @Test
    void jsonLinesFullSyncTerminatesThoseMissing() {
        Hris.Integration hris = Hris.register("bamboohr");
        String p = unique("bh");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            lines.append("{\"employeeNumber\":\"").append(p).append(i).append("\",\"workEmail\":\"").append(p).append(i)
                    .append("@example.com\",\"displayName\":\"Bamboo ").append(p).append(i)
                    .append("\",\"languages\":[\"en\"],\"payGradeLevel\":\"2\"}\n");
        }
        JsonPath first = importAndWait(hrAdmin(), hris.id(), "application/jsonl", lines.toString(), "");
        assertEquals(3, first.getInt("created"), first.prettify());
        String withoutLast = lines.substring(0, lines.lastIndexOf("{"));
        // A line that cannot be read (a trailing comma) may be the third person's: terminating them would be a guess.
        String garbled = lines.substring(lines.lastIndexOf("{"), lines.length() - 2) + ",}\n";
        JsonPath refused = importAndWait(hrAdmin(), hris.id(), "application/x-ndjson", withoutLast + garbled,
                "?fullSync=true&terminateMissing=true");
        assertEquals("failed", refused.getString("status"), refused.prettify());
        assertTrue(refused.getString("failure").startsWith("line 3 is not well-formed JSON"), refused.getString("failure"));
        as(hrAdmin()).queryParam("q", "Bamboo " + p + "2").queryParam("status", "active")
                .when().get("/v1/profiles").then().statusCode(200).body("items.size()", equalTo(1));
        // A row read whole whose id is blank names nobody: the sync goes ahead.
        JsonPath sync = importAndWait(hrAdmin(), hris.id(), "application/x-ndjson",
                withoutLast + "{\"employeeNumber\":\" \",\"workEmail\":\"nobody@example.com\"}\n",
                "?fullSync=true&terminateMissing=true");
        assertEquals(1, sync.getInt("terminated"), sync.prettify());
        assertEquals(2, sync.getInt("unchanged"));
        assertEquals(1, sync.getInt("errorCount"));
        as(hrAdmin()).queryParam("q", "Bamboo " + p + "2").queryParam("status", "terminated")
                .when().get("/v1/profiles").then().statusCode(200).body("items.size()", equalTo(1));
        JsonPath again = importAndWait(hrAdmin(), hris.id(), "application/x-ndjson", withoutLast,
                "?fullSync=true&terminateMissing=true");
        assertEquals(0, again.getInt("terminated"), again.prettify());
        assertEquals(0, again.getInt("updated"));
        // Listed again by a full sync that terminates whoever it leaves out: employed again, so active again.
        JsonPath back = importAndWait(hrAdmin(), hris.id(), "application/x-ndjson", lines.toString(),
                "?fullSync=true&terminateMissing=true");
        assertEquals(1, back.getInt("updated"), back.prettify());
        assertEquals(0, back.getInt("terminated"));
        as(hrAdmin()).queryParam("q", "Bamboo " + p + "2").queryParam("status", "active")
                .when().get("/v1/profiles").then().statusCode(200).body("items.size()", equalTo(1));
        // A sync that does not terminate anyone leaves a status it is not sent alone.
        JsonPath missing = importAndWait(hrAdmin(), hris.id(), "application/x-ndjson", withoutLast,
                "?fullSync=true&terminateMissing=true");
        assertEquals(1, missing.getInt("terminated"), missing.prettify());
        JsonPath partial = importAndWait(hrAdmin(), hris.id(), "application/x-ndjson", lines.toString(), "");
        assertEquals(0, partial.getInt("updated"), partial.prettify());
        as(hrAdmin()).queryParam("q", "Bamboo " + p + "2").queryParam("status", "terminated")
                .when().get("/v1/profiles").then().statusCode(200).body("items.size()", equalTo(1));
    }

    private String titleAndStatus(String externalId) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT job_title || ' ' || status FROM profile WHERE external_id = ?")) {
            s.setString(1, externalId);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void update(Hris.Integration hris, String occurredAt, String externalId, String title, String outcome) {
        Hris.expect(hris, "employee.updated", occurredAt,
                        "{\"externalId\":\"" + externalId + "\",\"jobTitle\":\"" + title + "\"}", outcome);
    }

    @Test
    void anImportSaysWhenItWasExportedAndItsOlderRowsNeverUndoNewerEvents() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("asof");
        String csv = HEADER + row(p, 0, null, "Lead") + row(p, 1, p + "-0", "Analyst") + row(p, 2, p + "-0", "Analyst");
        JsonPath first = importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "?asOf=2026-05-01T00:00:00Z");
        assertEquals(3, first.getInt("created"), first.prettify());
        assertEquals("2026-05-01T00:00:00Z", first.getString("asOf"));
        JsonPath resent = importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "?asOf=2026-05-01T00:00:00Z");
        assertEquals(3, resent.getInt("unchanged"), resent.prettify());
        assertEquals(0, resent.getInt("stale"));
        // After the export: a promotion and a hire. Before it: a change the export already reflects.
        update(hris, "2026-05-03T09:00:00Z", p + "-1", "Principal", "applied");
        Hris.expect(hris, "employee.created", "2026-05-03T09:00:00Z",
                        "{\"externalId\":\"" + p + "-9\",\"email\":\"" + p + "-9@example.com\",\"displayName\":\"New "
                                + p + "\",\"jobTitle\":\"Hire\"}", "applied");
        update(hris, "2026-04-20T09:00:00Z", p + "-2", "Intern", "stale");

        // A full sync exported on 2 May: it still has the old title, leaves out p-2 (gone) and p-9 (hired since).
        String sync = HEADER + row(p, 0, null, "Lead") + row(p, 1, p + "-0", "Analyst");
        JsonPath job = importAndWait(hrAdmin(), hris.id(), "text/csv", sync,
                "?fullSync=true&terminateMissing=true&asOf=2026-05-02T00:00:00Z");
        assertEquals("completed", job.getString("status"), job.prettify());
        assertEquals(1, job.getInt("stale"), job.prettify());
        assertEquals(1, job.getInt("terminated"));
        assertEquals(1, job.getInt("unchanged"));
        assertEquals(0, job.getInt("updated"));
        assertEquals("Principal active", titleAndStatus(p + "-1"));
        assertEquals("Analyst terminated", titleAndStatus(p + "-2"));
        assertEquals("Hire active", titleAndStatus(p + "-9"));
        // The unchanged row now says how p-0 was on 2 May: an event from 1 May arriving late is stale.
        update(hris, "2026-05-01T12:00:00Z", p + "-0", "Manager", "stale");
        update(hris, "2026-05-02T12:00:00Z", p + "-0", "Director", "applied");
        assertEquals("Director active", titleAndStatus(p + "-0"));

        // Without asOf the file's rows apply whatever their age, as before.
        JsonPath undated = importAndWait(hrAdmin(), hris.id(), "text/csv", HEADER + row(p, 1, p + "-0", "Analyst"), "");
        assertEquals(1, undated.getInt("updated"), undated.prettify());
        assertEquals(0, undated.getInt("stale"));
        assertEquals("Analyst active", titleAndStatus(p + "-1"));

        // Set up before the first import arrives: a termination sent for someone the service does not know yet is
        // held, and applied when a file exported before it creates them; one older than the export is stale.
        String q = unique("held");
        Hris.expect(hris, "employee.terminated", "2026-06-02T09:00:00Z",
                "{\"externalId\":\"" + q + "-1\"}", "unknown_employee");
        Hris.expect(hris, "employee.on_leave", "2026-05-30T09:00:00Z",
                "{\"externalId\":\"" + q + "-2\"}", "unknown_employee");
        JsonPath initial = importAndWait(hrAdmin(), hris.id(), "text/csv",
                HEADER + row(q, 1, null, "Analyst") + row(q, 2, null, "Analyst"), "?asOf=2026-06-01T00:00:00Z");
        assertEquals(2, initial.getInt("created"), initial.prettify());
        assertEquals("Analyst terminated", titleAndStatus(q + "-1"));
        assertEquals("Analyst active", titleAndStatus(q + "-2"));
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT o.type FROM outbox o JOIN profile p ON o.record_key = p.id::text WHERE p.external_id = ? "
                        + "ORDER BY o.seq")) {
            s.setString(1, q + "-1");
            List<String> types = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
            assertEquals(List.of("mentoring.profile.created.v1", "mentoring.profile.deactivated.v1"), types);
        }
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT string_agg(outcome, ',' ORDER BY external_id) FROM hris_event WHERE external_id IN (?, ?)")) {
            s.setString(1, q + "-1");
            s.setString(2, q + "-2");
            try (java.sql.ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("applied,stale", rs.getString(1));
            }
        }

        as(hrAdmin()).contentType("text/csv").body(sync).when().post("/v1/hris/" + hris.id() + "/imports?asOf=yesterday")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("asOf"));
        as(hrAdmin()).contentType("text/csv").body(sync).when().post("/v1/hris/" + hris.id() + "/imports?asOf=2999-01-01T00:00:00Z")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("asOf"));
        as(hrAdmin()).contentType("text/csv").body(sync).when().post("/v1/hris/" + hris.id() + "/imports?asOf=0001-01-01T00:00:00Z")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void aRowThatTerminatesSomeoneIsADeactivationAndIsPublishedAsOne() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("term");
        String csv = HEADER + row(p, 0, null, "Lead") + row(p, 1, p + "-0", "Analyst") + row(p, 2, p + "-0", "Analyst");
        assertEquals(3, importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "").getInt("created"));
        String leaving = csv.replace(row(p, 1, p + "-0", "Analyst"),
                row(p, 1, p + "-0", "Analyst").replace(",active\n", ",terminated\n"))
                .replace(row(p, 2, p + "-0", "Analyst"), row(p, 2, p + "-0", "Analyst").replace(",active\n", ",on_leave\n"));
        JsonPath job = importAndWait(hrAdmin(), hris.id(), "text/csv", leaving, "");
        assertEquals(1, job.getInt("terminated"), job.prettify());
        assertEquals(1, job.getInt("updated"));
        assertEquals(1, job.getInt("unchanged"));
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT p.external_id, o.type FROM outbox o JOIN profile p ON o.record_key = p.id::text "
                        + "WHERE p.external_id IN (?, ?) AND o.type <> 'mentoring.profile.created.v1' ORDER BY p.external_id")) {
            s.setString(1, p + "-1");
            s.setString(2, p + "-2");
            try (java.sql.ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("mentoring.profile.deactivated.v1", rs.getString(2), "the terminated row");
                assertTrue(rs.next());
                assertEquals("mentoring.profile.updated.v1", rs.getString(2), "the row now on leave");
                assertFalse(rs.next());
            }
        }
        JsonPath again = importAndWait(hrAdmin(), hris.id(), "text/csv", leaving, "");
        assertEquals(0, again.getInt("terminated"), again.prettify());
        assertEquals(3, again.getInt("unchanged"));
    }

    private java.util.List<String> emailAndEvents(String externalId) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT coalesce(p.email, '(none)') || ' ' || p.status || ' v' || p.version, "
                        + "o.type || ' ' || coalesce(o.data::jsonb ->> 'email', '(none)') FROM profile p "
                        + "LEFT JOIN outbox o ON o.record_key = p.id::text WHERE p.external_id = ? ORDER BY o.seq")) {
            s.setString(1, externalId);
            java.util.List<String> found = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (found.isEmpty()) {
                        found.add(rs.getString(1));
                    }
                    found.add(rs.getString(2));
                }
            }
            return found;
        }
    }

    @Test
    void theAddressOfSomeoneWhoLeftGoesToTheRowThatGivesItAndAnyoneElsesIsRefused() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("addr");
        String csv = HEADER + row(p, 0, null, "Lead") + row(p, 1, null, "Analyst").replace(",active\n", ",terminated\n");
        assertEquals(2, importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "").getInt("created"));
        // Two new people: one given the address of the leaver (-1), one that of someone still here (-0).
        String next = HEADER + row(p, 2, null, "Analyst").replace(p + "-2@", p + "-1@")
                + row(p, 3, null, "Analyst").replace(p + "-3@", p + "-0@");
        JsonPath job = importAndWait(hrAdmin(), hris.id(), "text/csv", next, "");
        assertEquals(1, job.getInt("created"), job.prettify());
        assertEquals(0, job.getInt("updated"));
        assertEquals(1, job.getInt("errorCount"));
        assertEquals(3, job.getInt("errors[0].line"));
        assertEquals(p + "-3", job.getString("errors[0].externalId"));
        assertEquals("email", job.getString("errors[0].field"));
        assertEquals(java.util.List.of(p + "-1@example.com active v1", "mentoring.profile.created.v1 " + p + "-1@example.com"),
                emailAndEvents(p + "-2"));
        assertEquals(java.util.List.of("(none) terminated v2", "mentoring.profile.created.v1 " + p + "-1@example.com",
                "mentoring.profile.updated.v1 (none)"), emailAndEvents(p + "-1"));
        assertEquals(java.util.List.of(p + "-0@example.com active v1", "mentoring.profile.created.v1 " + p + "-0@example.com"),
                emailAndEvents(p + "-0"));
        assertNull(nameAndTitle(p + "-3"));
    }

    @Test
    void aFullSyncThatWouldTerminateManyPeopleNeedsToSaySo() {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("mass");
        StringBuilder all = new StringBuilder(HEADER);
        for (int i = 0; i < 15; i++) {
            all.append(row(p, i, null, "Analyst"));
        }
        assertEquals(15, importAndWait(hrAdmin(), hris.id(), "text/csv", all.toString(), "").getInt("created"));
        String truncated = HEADER + row(p, 0, null, "Analyst") + row(p, 1, null, "Senior Analyst");
        JsonPath refused = importAndWait(hrAdmin(), hris.id(), "text/csv", truncated, "?fullSync=true&terminateMissing=true");
        assertEquals("failed", refused.getString("status"), refused.prettify());
        assertTrue(refused.getString("failure").contains("would terminate 13 people"), refused.getString("failure"));
        assertTrue(refused.getString("failure").contains("maxTerminations=13"), refused.getString("failure"));
        as(hrAdmin()).queryParam("q", "Imported, " + p + "-1").when().get("/v1/profiles").then().statusCode(200)
                .body("items[0].jobTitle", equalTo("Analyst"));
        as(hrAdmin()).queryParam("department", "Operations").queryParam("q", p).queryParam("status", "terminated")
                .when().get("/v1/profiles").then().statusCode(200).body("items.size()", equalTo(0));
        as(hrAdmin()).contentType("text/csv").body(truncated)
                .when().post("/v1/hris/" + hris.id() + "/imports?fullSync=true&maxTerminations=13")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("maxTerminations"));
        as(hrAdmin()).contentType("text/csv").body(truncated)
                .when().post("/v1/hris/" + hris.id() + "/imports?fullSync=true&terminateMissing=true&maxTerminations=lots")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("maxTerminations"));
        // A word other than true or false is refused, not read as false (which would sync without terminating).
        as(hrAdmin()).contentType("text/csv").body(truncated)
                .when().post("/v1/hris/" + hris.id() + "/imports?fullSync=True&terminateMissing=yes")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("terminateMissing"));
        as(hrAdmin()).contentType("text/csv").body(truncated)
                .when().post("/v1/hris/" + hris.id() + "/imports?fullSync=1&terminateMissing=true")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("fullSync"));
        JsonPath confirmed = importAndWait(hrAdmin(), hris.id(), "text/csv", truncated,
                "?fullSync=true&terminateMissing=true&maxTerminations=13");
        assertEquals("completed", confirmed.getString("status"), confirmed.prettify());
        assertEquals(13, confirmed.getInt("terminated"));
        assertEquals(1, confirmed.getInt("updated"));
        assertEquals(13, confirmed.getInt("maxTerminations"));

        // With 60 people, 20 % (12) is the larger allowance: 13 leaving is refused, 12 go through.
        Hris.Integration larger = Hris.register("standard");
        String q = unique("share");
        StringBuilder sixty = new StringBuilder(HEADER);
        for (int i = 0; i < 60; i++) {
            sixty.append(row(q, i, null, "Analyst"));
        }
        assertEquals(60, importAndWait(hrAdmin(), larger.id(), "text/csv", sixty.toString(), "").getInt("created"));
        String withoutThirteen = sixty.substring(0, sixty.indexOf(q + "-47,"));
        String withoutTwelve = sixty.substring(0, sixty.indexOf(q + "-48,"));
        JsonPath tooMany = importAndWait(hrAdmin(), larger.id(), "text/csv", withoutThirteen,
                "?fullSync=true&terminateMissing=true");
        assertEquals("failed", tooMany.getString("status"), tooMany.prettify());
        assertTrue(tooMany.getString("failure").contains("would terminate 13 people"), tooMany.getString("failure"));
        JsonPath allowed = importAndWait(hrAdmin(), larger.id(), "text/csv", withoutTwelve,
                "?fullSync=true&terminateMissing=true");
        assertEquals("completed", allowed.getString("status"), allowed.prettify());
        assertEquals(12, allowed.getInt("terminated"));
    }

    @Test
    void aFewThousandRowsImportAndReimportIdempotently() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("bulk");
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 5000; i++) {
            csv.append(row(p, i, i == 0 ? null : p + "-" + (i / 10), "Engineer"));
        }
        JsonPath first = importAndWait(hrAdmin(), hris.id(), "text/csv", csv.toString(), "");
        assertEquals(5000, first.getInt("created"), first.getString("failure"));
        // The profile table's statistics are refreshed after the import, off the import queue.
        assertTrue(org.mentoring.platform.testing.Eventually.await(Duration.ofSeconds(20),
                () -> analyzedSince(first.getString("finishedAt")), Boolean::booleanValue,
                "ANALYZE of the profile table after a large import"));
        assertEquals(5000, first.getInt("processedRows"));
        assertEquals(5000, countOutbox("mentoring.profile.created.v1", p));
        int published = ProfileEventsContractTest.outboxRows(dataSource);
        JsonPath second = importAndWait(hrAdmin(), hris.id(), "text/csv", csv.toString(), "");
        assertEquals(published, ProfileEventsContractTest.outboxRows(dataSource), "a repeated import publishes nothing");
        assertEquals(0, second.getInt("created"));
        assertEquals(0, second.getInt("updated"));
        assertEquals(5000, second.getInt("unchanged"));

        // Rows parsed while the last imported digests are still being read wait for them; changed rows anywhere in
        // the file, early or late, are staged and applied, the others passed over.
        StringBuilder changed = new StringBuilder(HEADER);
        for (int i = 0; i < 5000; i++) {
            changed.append(row(p, i, i == 0 ? null : p + "-" + (i / 10), i % 97 == 0 ? "Principal" : "Engineer"));
        }
        JsonPath third = importAndWait(hrAdmin(), hris.id(), "text/csv", changed.toString(), "");
        assertEquals(52, third.getInt("updated"), third.prettify());
        assertEquals(5000 - 52, third.getInt("unchanged"));
        assertEquals("Principal active", titleAndStatus(p + "-0"));
        assertEquals("Principal active", titleAndStatus(p + "-4947"));
        assertEquals("Engineer active", titleAndStatus(p + "-4999"));
        assertEquals(published + 52, ProfileEventsContractTest.outboxRows(dataSource), "one event per changed row");
    }

    @Test
    void managersResolveWhateverTheOrderOfTheFileAndNobodyManagesThemselves() throws java.sql.SQLException {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("order");
        String csv = HEADER + row(p, 1, p + "-0", "Analyst") + row(p, 2, p + "-2", "Consultant")
                + row(p, 0, null, "Head of Ops");
        JsonPath job = importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "");
        assertEquals(3, job.getInt("created"), job.prettify());
        String headId = as(hrAdmin()).queryParam("q", "Imported, " + p + "-0").when().get("/v1/profiles")
                .then().statusCode(200).extract().path("items[0].id");
        as(hrAdmin()).queryParam("q", "Imported, " + p + "-1").when().get("/v1/profiles")
                .then().statusCode(200).body("items[0].managerId", equalTo(headId));
        as(hrAdmin()).queryParam("q", "Imported, " + p + "-2").when().get("/v1/profiles")
                .then().statusCode(200).body("items[0].managerId", nullValue());
        assertEquals(headId, createdEventField(p + "-1", "managerId"), "the created event names the manager");
        assertEquals(headId, createdEventField(p + "-1", "managementChain,0"));

        // p-3 names a manager the directory does not have yet; a later file that only adds that manager links them.
        assertEquals(1, importAndWait(hrAdmin(), hris.id(), "text/csv", HEADER + row(p, 3, p + "-9", "Analyst"), "")
                .getInt("created"));
        JsonPath arrives = importAndWait(hrAdmin(), hris.id(), "text/csv", HEADER + row(p, 9, null, "Director"), "");
        assertEquals(1, arrives.getInt("created"), arrives.prettify());
        assertEquals(1, arrives.getInt("updated"), "p-3's link to the new manager");
        assertEquals(profileId(p + "-9"), managerOf(p + "-3"));
        // A file that moves p-1 to someone new, who comes in the same file.
        JsonPath moves = importAndWait(hrAdmin(), hris.id(), "text/csv",
                HEADER + row(p, 1, p + "-8", "Analyst") + row(p, 8, null, "Director"), "");
        assertEquals(1, moves.getInt("created"), moves.prettify());
        assertEquals(1, moves.getInt("updated"));
        assertEquals(profileId(p + "-8"), managerOf(p + "-1"));
    }

    private String managerOf(String externalId) throws java.sql.SQLException {
        return as(hrAdmin()).when().get("/v1/profiles/" + profileId(externalId)).then().statusCode(200)
                .extract().path("managerId");
    }

    /** A field of the created event of the given externalId; {@code a,0} is the first item of array a. */
    private String createdEventField(String externalId, String path) throws java.sql.SQLException {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("SELECT data::jsonb #>> ?::text[] FROM outbox "
                     + "WHERE type = 'mentoring.profile.created.v1' AND data::jsonb ->> 'externalId' = ?")) {
            s.setString(1, "{" + path + "}");
            s.setString(2, externalId);
            try (var rs = s.executeQuery()) {
                assertTrue(rs.next(), "a created event for " + externalId);
                return rs.getString(1);
            }
        }
    }

    /** Whether the profile table was last analysed on request (autovacuum's runs count apart) after {@code instant}. */
    private boolean analyzedSince(String instant) {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("SELECT coalesce(last_analyze > ?::timestamptz, false) FROM pg_stat_user_tables "
                     + "WHERE relid = 'profile'::regclass")) {
            s.setString(1, instant);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Created events whose data names an externalId with the given prefix. */
    private int countOutbox(String type, String prefix) throws java.sql.SQLException {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("SELECT count(*) FROM outbox WHERE type = ? AND data::jsonb ->> 'externalId' LIKE ?")) {
            s.setString(1, type);
            s.setString(2, prefix + "-%");
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void importsAreForHrAndTheIntegrationAndValidated() {
        Hris.Integration hris = Hris.register("standard");
        String csv = HEADER + row(unique("r"), 0, null, "X");
        given().contentType("text/csv").body(csv).when().post("/v1/hris/" + hris.id() + "/imports")
                .then().statusCode(401).contentType(PROBLEM);
        as(Api.employee(unique("e") + "@example.com")).contentType("text/csv").body(csv)
                .when().post("/v1/hris/" + hris.id() + "/imports")
                .then().statusCode(403).contentType(PROBLEM);
        as(Api.programAdmin()).when().get("/v1/hris/" + hris.id() + "/imports/" + java.util.UUID.randomUUID())
                .then().statusCode(403).contentType(PROBLEM);
        as(hrAdmin()).contentType("text/csv").body(csv)
                .when().post("/v1/hris/" + java.util.UUID.randomUUID() + "/imports")
                .then().statusCode(404).contentType(PROBLEM);
        as(hrAdmin()).contentType("application/xml").body("<x/>")
                .when().post("/v1/hris/" + hris.id() + "/imports")
                .then().statusCode(415).contentType(PROBLEM);
        as(hrAdmin()).contentType("text/csv").body(csv)
                .when().post("/v1/hris/" + hris.id() + "/imports?terminateMissing=true")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("terminateMissing"));
        as(hrAdmin()).when().get("/v1/hris/" + hris.id() + "/imports/" + java.util.UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
    }

    @jakarta.inject.Inject
    org.mentoring.profile.hris.ImportService imports;

    @Test
    void anImportWhoseReplicaStoppedIsFailedWithAReasonAndALiveOneIsLeftAlone() throws Exception {
        Hris.Integration hris = Hris.register("standard");
        java.util.UUID abandoned = java.util.UUID.randomUUID();
        java.util.UUID live = java.util.UUID.randomUUID();
        try (var c = dataSource.getConnection(); var insert = c.prepareStatement("""
                INSERT INTO hris_import (id, integration_id, format, full_sync, terminate_missing, status, created_at,
                                         started_at, heartbeat_at, errors)
                VALUES (?, ?::uuid, 'csv', false, false, 'running', now() - interval '20 minutes',
                        now() - interval '20 minutes', now() - ?::interval, '[]')""")) {
            insert.setObject(1, abandoned);
            insert.setString(2, hris.id());
            insert.setString(3, "10 minutes");
            insert.executeUpdate();
            insert.setObject(1, live);
            insert.setString(2, hris.id());
            insert.setString(3, "5 seconds");
            insert.executeUpdate();
        }
        // the lease keeper does this every few seconds; called here so the test need not wait for it
        imports.failAbandoned(Duration.ofMinutes(2));
        as(hrAdmin()).when().get("/v1/hris/" + hris.id() + "/imports/" + abandoned)
                .then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("failure", org.hamcrest.Matchers.containsString("upload the file again"))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());
        as(hrAdmin()).when().get("/v1/hris/" + hris.id() + "/imports/" + live)
                .then().statusCode(200).body("status", equalTo("running"));
        // a real import keeps its lease while it runs and completes as usual
        JsonPath done = importAndWait(hrAdmin(), hris.id(), "text/csv", HEADER + row(unique("lease"), 0, null, "Lead"), "");
        assertEquals("completed", done.getString("status"), done.prettify());
    }

    /** Rows enough for an initial load: at least the default threshold, and more than the directory holds. */
    private int initialLoadSize() throws java.sql.SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM profile")) {
            rs.next();
            return Math.max(10_000, rs.getInt(1) + 500);
        }
    }

    private static String reportingTree(String p, int rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            csv.append(row(p, i, i == 0 ? null : p + "-" + (i / 10), "Engineer"));
        }
        return csv.toString();
    }

    /** The profile table's indexes other than its primary key: name to [oid, definition]. */
    private Map<String, java.util.List<String>> secondaryIndexes() throws java.sql.SQLException {
        Map<String, java.util.List<String>> indexes = new java.util.TreeMap<>();
        try (var c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("""
                SELECT i.relname, i.oid::text, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = 'profile'::regclass AND NOT x.indisprimary""")) {
            while (rs.next()) {
                indexes.put(rs.getString(1), java.util.List.of(rs.getString(2), rs.getString(3)));
            }
        }
        return indexes;
    }

    private String profileId(String externalId) throws java.sql.SQLException {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("SELECT id::text FROM profile WHERE external_id = ?")) {
            s.setString(1, externalId);
            try (var rs = s.executeQuery()) {
                assertTrue(rs.next(), "a profile for " + externalId);
                return rs.getString(1);
            }
        }
    }

    @Test
    void anInitialLoadBuildsTheProfileIndexesOnceAfterInsertingAndTheyHoldAsBefore() throws Exception {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("initial");
        int rows = initialLoadSize();
        String csv = reportingTree(p, rows);
        Map<String, java.util.List<String>> before = secondaryIndexes();
        assertTrue(before.size() >= 5, "the profile table's secondary indexes: " + before.keySet());

        JsonPath job = importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "");
        assertEquals("completed", job.getString("status"), job.getString("failure"));
        assertEquals(rows, job.getInt("created"));
        assertEquals(rows, countOutbox("mentoring.profile.created.v1", p), "one created event per new profile");
        Map<String, java.util.List<String>> after = secondaryIndexes();
        assertEquals(before.keySet(), after.keySet(), "the same indexes afterwards");
        before.forEach((name, was) -> {
            assertEquals(was.get(1), after.get(name).get(1), name + " is defined as before");
            org.junit.jupiter.api.Assertions.assertNotEquals(was.get(0), after.get(name).get(0),
                    name + " was built again rather than updated row by row");
        });
        assertEquals(profileId(p + "-1"), createdEventField(p + "-11", "managerId"), "managers resolved as usual");
        assertEquals(profileId(p + "-0"), createdEventField(p + "-11", "managementChain,1"));

        // The rebuilt unique indexes refuse duplicates as the originals did.
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            java.sql.SQLException externalId = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> s.executeUpdate("INSERT INTO profile (id, external_id, email, display_name, status) VALUES "
                            + "(gen_random_uuid(), '" + p + "-7', 'someone.new." + p + "@example.com', 'X', 'active')"));
            assertEquals("23505", externalId.getSQLState(), externalId.getMessage());
            java.sql.SQLException email = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> s.executeUpdate("INSERT INTO profile (id, external_id, email, display_name, status) VALUES "
                            + "(gen_random_uuid(), 'new-" + p + "', '" + (p + "-7@EXAMPLE.com").toUpperCase()
                            + "', 'X', 'active')"));
            assertEquals("23505", email.getSQLState(), email.getMessage());
        }

        // The same file again: the directory is now as large as the file, so nothing is set aside, and nothing changes.
        JsonPath again = importAndWait(hrAdmin(), hris.id(), "text/csv", csv, "");
        assertEquals(rows, again.getInt("unchanged"), again.prettify());
        assertEquals(after, secondaryIndexes(), "a sync into a directory of that size updates the indexes in place");
    }

    @Test
    void anInitialLoadThatCannotLockTheProfileTableInsertsRowByRowInstead() throws Exception {
        Hris.Integration hris = Hris.register("standard");
        String p = unique("locked");
        int rows = initialLoadSize();
        Map<String, java.util.List<String>> before = secondaryIndexes();
        JsonPath job;
        try (var holder = dataSource.getConnection()) {
            // A long reader of the table, such as a report: the import may not drop indexes under it.
            holder.setAutoCommit(false);
            try (var s = holder.createStatement()) {
                s.execute("LOCK TABLE profile IN ACCESS SHARE MODE");
            }
            job = importAndWait(hrAdmin(), hris.id(), "text/csv", reportingTree(p, rows), "");
            holder.rollback();
        }
        assertEquals("completed", job.getString("status"), job.getString("failure"));
        assertEquals(rows, job.getInt("created"));
        assertEquals(rows, countOutbox("mentoring.profile.created.v1", p));
        assertEquals(before, secondaryIndexes(), "the indexes were updated in place, not rebuilt");
    }
}
