package org.mentoring.matching.program;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mentoring.matching.program.People.PROBLEM;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.MentoringTestResource;

/**
 * A programme from enrolment to published mentorships: people arrive through profile events on the real broker,
 * enrol, a run proposes pairs with reasons and explains the unmatched, pins and forbids change the next run, equal
 * inputs give equal runs, and publishing starts the mentorships whose events are read back from the broker.
 */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "matching"))
class ProgramMatchingFlowTest {

    private static People people;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

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

    private static String openProgramme(People.Person admin, String kind, Map<String, Object> extra) {
        Map<String, Object> fields = new HashMap<>(Map.of("name", "Cohort " + kind, "kind", kind,
                "opensAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString(),
                "closesAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).toString()));
        fields.putAll(extra);
        String id = admin.asProgramAdmin().contentType("application/json").body(fields)
                .when().post("/v1/programs").then().statusCode(201).extract().path("id");
        admin.asProgramAdmin().contentType("application/json").body(Map.of("status", "enrolling"))
                .when().patch("/v1/programs/" + id).then().statusCode(200);
        return id;
    }

    private static void enrolMentee(People.Person p, String programId, String... goals) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String g : goals) {
            list.add(Map.of("skill", g, "priority", 3, "targetLevel", 4));
        }
        p.asEmployee().contentType("application/json").body(Map.of("role", "mentee", "goals", list))
                .when().post("/v1/programs/" + programId + "/enrolments").then().statusCode(201);
    }

    private static void enrol(People.Person p, String programId, String role, Integer capacity) {
        Map<String, Object> body = new HashMap<>(Map.of("role", role));
        if (capacity != null) {
            body.put("capacity", capacity);
        }
        if (!role.equals("mentor")) {
            body.put("goals", List.of(Map.of("skill", "Kotlin")));
        }
        p.asEmployee().contentType("application/json").body(body)
                .when().post("/v1/programs/" + programId + "/enrolments").then().statusCode(201);
    }

    private static JsonPath run(People.Person admin, String programId, Object body) {
        var request = admin.asProgramAdmin().contentType("application/json");
        if (body != null) {
            request.body(body);
        }
        return request.when().post("/v1/programs/" + programId + "/matching-runs")
                .then().statusCode(201).body("status", equalTo("proposed")).extract().jsonPath();
    }

    private static Map<String, String> pairs(JsonPath run) {
        Map<String, String> pairs = new HashMap<>();
        List<Map<String, Object>> list = run.getList("pairs");
        list.forEach(p -> pairs.put((String) p.get("menteeId"), (String) p.get("mentorId")));
        return pairs;
    }

    @Test
    void aProgrammeGoesFromEnrolmentToPublishedMentorships() throws Exception {
        People.Person admin = people().person("People", 8, Map.of());
        People.Person kotlinMentor = people().person("Platform", 7, Map.of("Kotlin", 5, "Testing", 4));
        People.Person leadMentor = people().person("Product", 8, Map.of("Leadership", 5));
        People.Person ada = people().person("Engineering", 3, Map.of());
        People.Person bob = people().person("Engineering", 3, Map.of());
        // Reports to both mentors: every mentor is a conflict of interest for Cleo.
        People.Person cleo = people().person("Engineering", 2, Map.of(), kotlinMentor.id(), leadMentor.id());
        people().publish(admin, kotlinMentor, leadMentor, ada, bob, cleo);

        String id = openProgramme(admin, "one_to_one", Map.of("mentorCapacity", 2));
        enrol(kotlinMentor, id, "mentor", null);
        enrol(leadMentor, id, "mentor", 1);
        enrolMentee(ada, id, "Kotlin", "Testing");
        enrolMentee(bob, id, "Leadership");
        enrolMentee(cleo, id, "Kotlin");

        JsonPath first = run(admin, id, null);
        assertEquals(Map.of(ada.id().toString(), kotlinMentor.id().toString(),
                bob.id().toString(), leadMentor.id().toString()), pairs(first));
        String adaPair = "pairs.find { it.menteeId == '" + ada.id() + "' }";
        assertTrue(first.getString(adaPair + ".reasons[0]").contains("Kotlin, Testing"), first.prettify());
        assertTrue(first.getDouble(adaPair + ".breakdown.goals") > 0.3);
        assertEquals("only_conflicts", first.getString("unmatched.find { it.profileId == '" + cleo.id() + "' }.reason"));
        assertTrue(first.getString("inputsHash").startsWith("sha256:"));
        admin.asProgramAdmin().when().get("/v1/programs/" + id).then().body("status", equalTo("matching"));

        JsonPath again = run(admin, id, null);
        assertEquals(pairs(first), pairs(again), "same input, same pairs");
        assertEquals(first.getDouble("objective"), again.getDouble("objective"), 0.0, "same input, same objective");
        assertEquals(first.getString("inputsHash"), again.getString("inputsHash"));
        admin.asProgramAdmin().when().get("/v1/programs/" + id + "/matching-runs/" + again.getString("id"))
                .then().statusCode(200).body("objective", equalTo(again.getFloat("objective")))
                .body("inputs.participants.size()", equalTo(5));

        String runId = again.getString("id");
        // Pinning Cleo to a mentor in her management chain is refused and names the conflict.
        admin.asProgramAdmin().contentType("application/json")
                .body(Map.of("menteeId", cleo.id().toString(), "mentorId", kotlinMentor.id().toString()))
                .when().post("/v1/programs/" + id + "/matching-runs/" + runId + "/pins")
                .then().statusCode(422).contentType(PROBLEM).body("detail", containsString("conflict of interest"));
        admin.asProgramAdmin().contentType("application/json")
                .body(Map.of("menteeId", ada.id().toString(), "mentorId", kotlinMentor.id().toString()))
                .when().post("/v1/programs/" + id + "/matching-runs/" + runId + "/forbids")
                .then().statusCode(201).body("rule", equalTo("forbid"));
        admin.asProgramAdmin().contentType("application/json")
                .body(Map.of("menteeId", bob.id().toString(), "mentorId", kotlinMentor.id().toString()))
                .when().post("/v1/programs/" + id + "/matching-runs/" + runId + "/pins")
                .then().statusCode(201).body("rule", equalTo("pin"));

        JsonPath rerun = run(admin, id, null);
        assertEquals(Map.of(ada.id().toString(), leadMentor.id().toString(),
                bob.id().toString(), kotlinMentor.id().toString()), pairs(rerun), rerun.prettify());
        assertTrue(rerun.getBoolean("pairs.find { it.menteeId == '" + bob.id() + "' }.pinned"));
        assertTrue(!rerun.getString("inputsHash").equals(first.getString("inputsHash")));

        People.Person other = people().person("People", 8, Map.of());
        people().publish(other);
        other.asProgramAdmin().when().post("/v1/programs/" + id + "/matching-runs/" + rerun.getString("id") + "/publish")
                .then().statusCode(404).contentType(PROBLEM);
        ada.asEmployee().when().post("/v1/programs/" + id + "/matching-runs/" + rerun.getString("id") + "/publish")
                .then().statusCode(403);

        admin.asProgramAdmin().when().post("/v1/programs/" + id + "/matching-runs/" + rerun.getString("id") + "/publish")
                .then().statusCode(200).body("status", equalTo("published")).body("publishedAt", startsWith("20"));
        admin.asProgramAdmin().when().post("/v1/programs/" + id + "/matching-runs/" + rerun.getString("id") + "/publish")
                .then().statusCode(409).contentType(PROBLEM);
        admin.asProgramAdmin().when().post("/v1/programs/" + id + "/matching-runs/" + first.getString("id") + "/publish")
                .then().statusCode(409).contentType(PROBLEM);
        admin.asProgramAdmin().when().get("/v1/programs/" + id).then().body("status", equalTo("running"));
        admin.asProgramAdmin().contentType("application/json").when().post("/v1/programs/" + id + "/matching-runs")
                .then().statusCode(409).contentType(PROBLEM);
        admin.asProgramAdmin().when().get("/v1/programs/" + id + "/matching-runs")
                .then().statusCode(200).body("items.size()", equalTo(3)).body("items.status", hasItem("published"));

        List<JsonNode> started = startedEvents(id, 2);
        Set<String> seen = new HashSet<>();
        for (JsonNode data : started) {
            assertEquals("program", data.get("origin").asText());
            assertEquals("active", data.get("status").asText());
            assertEquals("classic", data.get("kind").asText());
            seen.add(data.get("menteeId").asText() + "->" + data.get("mentorId").asText());
        }
        assertEquals(Set.of(ada.id() + "->" + leadMentor.id(), bob.id() + "->" + kotlinMentor.id()), seen);
        assertTrue(EventCatalogue.load().assertOutboxConforms(dataSource, "matching") > 0);
    }

    @Test
    void aGroupProgrammeSharesOneGroupPerMentorAndPeersArePairedWithTheOddOneExplained() throws Exception {
        People.Person admin = people().person("People", 8, Map.of());
        People.Person mentor = people().person("Platform", 8, Map.of("Kotlin", 5));
        People.Person m1 = people().person("Engineering", 3, Map.of());
        People.Person m2 = people().person("Engineering", 3, Map.of());
        People.Person m3 = people().person("Engineering", 3, Map.of());
        People.Person p1 = people().person("Engineering", 4, Map.of("Kotlin", 4));
        People.Person p2 = people().person("Design", 4, Map.of("Figma", 4));
        People.Person p3 = people().person("Sales", 4, Map.of("Negotiation", 4));
        people().publish(admin, mentor, m1, m2, m3, p1, p2, p3);

        String group = openProgramme(admin, "group", Map.of("groupSize", 2));
        enrol(mentor, group, "mentor", null);
        enrolMentee(m1, group, "Kotlin");
        enrolMentee(m2, group, "Kotlin");
        enrolMentee(m3, group, "Kotlin");
        JsonPath stale = run(admin, group, null);
        assertEquals(2, stale.getList("pairs").size(), "the group holds groupSize mentees");
        assertEquals("no_mentor_with_capacity", stale.getString("unmatched[0].reason"));
        String leaver = stale.getString("pairs[0].menteeId");
        String enrolment = admin.asProgramAdmin().when().get("/v1/programs/" + group + "/enrolments")
                .then().statusCode(200).extract().path("items.find { it.profileId == '" + leaver + "' }.id");
        admin.asProgramAdmin().when().delete("/v1/programs/" + group + "/enrolments/" + enrolment)
                .then().statusCode(204);
        admin.asProgramAdmin().when().post("/v1/programs/" + group + "/matching-runs/" + stale.getString("id") + "/publish")
                .then().statusCode(409).contentType(PROBLEM);
        JsonPath run = run(admin, group, null);
        assertEquals(2, run.getList("pairs").size(), "the third mentee takes the place that came free");
        assertTrue(run.getList("unmatched").isEmpty());
        admin.asProgramAdmin().when().post("/v1/programs/" + group + "/matching-runs/" + run.getString("id") + "/publish")
                .then().statusCode(200);
        List<JsonNode> started = startedEvents(group, 2);
        assertEquals("group", started.get(0).get("kind").asText());
        assertEquals(started.get(0).get("groupId").asText(), started.get(1).get("groupId").asText());

        String peer = openProgramme(admin, "peer", Map.of());
        enrol(p1, peer, "peer", null);
        enrol(p2, peer, "peer", null);
        enrol(p3, peer, "peer", null);
        JsonPath peers = run(admin, peer, null);
        assertEquals("PEER", peers.getString("algorithm"));
        assertEquals(1, peers.getList("pairs").size());
        assertEquals("odd_one_out", peers.getString("unmatched[0].reason"));
        admin.asProgramAdmin().when().post("/v1/programs/" + peer + "/matching-runs/" + peers.getString("id") + "/publish")
                .then().statusCode(200);
        assertEquals("peer", startedEvents(peer, 1).get(0).get("kind").asText());
    }

    /** A one-to-one programme of one mentor (Platform) and one mentee (Engineering), run once: they are paired. */
    private record OnePair(People.Person admin, People.Person mentor, People.Person mentee, String id, JsonPath run) {
    }

    private OnePair onePairRun() throws Exception {
        People.Person admin = people().person("People", 8, Map.of());
        People.Person mentor = people().person("Platform", 7, Map.of("Kotlin", 5));
        People.Person mentee = people().person("Engineering", 3, Map.of());
        people().publish(admin, mentor, mentee);
        String id = openProgramme(admin, "one_to_one", Map.of());
        enrol(mentor, id, "mentor", 1);
        enrolMentee(mentee, id, "Kotlin");
        JsonPath run = run(admin, id, null);
        assertEquals(mentor.id().toString(), pairs(run).get(mentee.id().toString()));
        return new OnePair(admin, mentor, mentee, id, run);
    }

    @Test
    void aRunPairingSomeoneWhoLeftSinceIsNotPublished() throws Exception {
        OnePair c = onePairRun();
        // The mentee leaves the organisation after the run: publishing would start a mentorship nothing ends.
        people().deactivate(c.mentee());
        String runPath = "/v1/programs/" + c.id() + "/matching-runs/" + c.run().getString("id");
        c.admin().asProgramAdmin().when().post(runPath + "/publish").then().statusCode(409).contentType(PROBLEM).body("detail", containsString("no longer active"));
        c.admin().asProgramAdmin().queryParam("profileId", c.mentee().id()).when().get("/v1/mentorships")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void anErasedPersonIsKeptInRunsAndEnrolmentsByIdAndRoleOnly() throws Exception {
        OnePair c = onePairRun();
        assertTrue(c.run().getList("pairs[0].reasons", String.class).contains("different department: Platform"));

        people().erase(c.mentor());
        JsonPath after = c.admin().asProgramAdmin().when()
                .get("/v1/programs/" + c.id() + "/matching-runs/" + c.run().getString("id"))
                .then().statusCode(200).extract().jsonPath();
        String theirs = "inputs.participants.find { it.profileId == '" + c.mentor().id() + "' }";
        assertEquals("mentor", after.getString(theirs + ".role"));
        assertEquals(null, after.getString(theirs + ".department"));
        assertEquals(Map.of(), after.getMap(theirs + ".skills"));
        assertEquals(List.of(), after.getList("pairs[0].reasons"));
        assertEquals(List.of(), after.getList("pairs[0].goalSkills"));
        // The other participant keeps what the run knew of them.
        assertEquals("Engineering", after.getString("inputs.participants.find { it.profileId == '" + c.mentee().id()
                + "' }.department"));
        people().erase(c.mentee());
        c.admin().asProgramAdmin().when().get("/v1/programs/" + c.id() + "/enrolments").then().statusCode(200)
                .body("items.find { it.profileId == '" + c.mentee().id() + "' }.goals", hasSize(0));
    }

    @Test
    void pinsAndForbidsGivenWithTheRunRequestAreHonoured() throws Exception {
        People.Person admin = people().person("People", 8, Map.of());
        People.Person strong = people().person("Platform", 7, Map.of("Kotlin", 5));
        People.Person weak = people().person("Platform", 7, Map.of("Kotlin", 1));
        People.Person mentee = people().person("Engineering", 3, Map.of());
        people().publish(admin, strong, weak, mentee);
        String id = openProgramme(admin, "one_to_one", Map.of());
        enrol(strong, id, "mentor", 1);
        enrol(weak, id, "mentor", 1);
        enrolMentee(mentee, id, "Kotlin");

        assertEquals(strong.id().toString(), pairs(run(admin, id, null)).get(mentee.id().toString()));
        JsonPath pinned = run(admin, id, Map.of("pins",
                List.of(Map.of("menteeId", mentee.id().toString(), "mentorId", weak.id().toString()))));
        assertEquals(weak.id().toString(), pairs(pinned).get(mentee.id().toString()));
        JsonPath forbidden = run(admin, id, Map.of("forbids",
                List.of(Map.of("menteeId", mentee.id().toString(), "mentorId", weak.id().toString()))));
        assertEquals(strong.id().toString(), pairs(forbidden).get(mentee.id().toString()),
                "a forbid replaces the earlier pin of the same pair");
        JsonPath both = run(admin, id, Map.of("forbids",
                List.of(Map.of("menteeId", mentee.id().toString(), "mentorId", strong.id().toString()))));
        assertTrue(both.getList("pairs").isEmpty());
        assertEquals("only_conflicts", both.getString("unmatched[0].reason"));
        admin.asProgramAdmin().contentType("application/json").body(Map.of("pins", List.of(Map.of("menteeId", "x"))))
                .when().post("/v1/programs/" + id + "/matching-runs")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aPairThatEndedEarlyAndAMentorsOwnManagerAreNeverProposed() throws Exception {
        People.Person admin = people().person("People", 8, Map.of());
        People.Person boss = people().person("Engineering", 9, Map.of());
        People.Person mentor = people().person("Platform", 7, Map.of("Kotlin", 5), boss.id());
        People.Person former = people().person("Engineering", 3, Map.of());
        people().publish(admin, boss, mentor, former);
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "INSERT INTO matching.mentorship (id, kind, origin, mentor_id, mentee_id, status, end_reason, version, "
                        + "created_at, updated_at, started_at, ended_at) "
                        + "VALUES (?, 'classic', 'informal', ?, ?, 'ended', 'ended_early', 3, now(), now(), now(), now())")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, mentor.id());
            ps.setObject(3, former.id());
            ps.executeUpdate();
        }
        String id = openProgramme(admin, "one_to_one", Map.of());
        enrol(mentor, id, "mentor", null);
        enrolMentee(former, id, "Kotlin");
        enrolMentee(boss, id, "Kotlin");

        JsonPath run = run(admin, id, null);
        assertTrue(run.getList("pairs").isEmpty(), run.prettify());
        String formerIs = "unmatched.find { it.profileId == '" + former.id() + "' }";
        String bossIs = "unmatched.find { it.profileId == '" + boss.id() + "' }";
        assertEquals("only_conflicts", run.getString(formerIs + ".reason"));
        assertTrue(run.getString(formerIs + ".detail").contains("pair ended"), run.getString(formerIs + ".detail"));
        assertEquals("only_conflicts", run.getString(bossIs + ".reason"));
        assertTrue(run.getString(bossIs + ".detail").contains("management chain"), run.getString(bossIs + ".detail"));
        assertEquals(1, run.getList("inputs.endedPairs").size());
    }

    /** The mentorship started events of one programme, read from the real broker and checked against the catalogue. */
    private List<JsonNode> startedEvents(String programId, int expected) throws Exception {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "program-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            reader.subscribe(List.of("mentoring.mentorship.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    String type = header(r, "ce_type");
                    String data = new String(r.value(), StandardCharsets.UTF_8);
                    JsonNode node = json.readTree(data);
                    if ("mentoring.mentorship.started.v1".equals(type) && programId.equals(node.path("programId").asText())) {
                        EventCatalogue.load().assertConforms(type, data);
                        found.add(node);
                    }
                }
            }
        }
        assertEquals(expected, found.size(), "started events of programme " + programId + " on the broker");
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
