package org.mentoring.matching.mentorship;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mentoring.matching.People.as;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mentoring.matching.BrokerEvents;
import org.mentoring.matching.People;
import org.mentoring.matching.People.Person;
import org.mentoring.platform.events.ReceivedEvent;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.MentoringTestResource;

/** The mentorship API over the real database and broker: requests, every move by every caller, capacity. */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "matching"))
class MentorshipApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    DataSource dataSource;

    @Inject
    MentorshipService service;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @TestHTTPResource("/")
    URI base;

    People people;

    @BeforeEach
    void people() {
        people = new People(dataSource);
    }

    private String request(Person mentee, Person mentor, String message) {
        return mentee.as().contentType("application/json")
                .body(Map.of("mentorId", mentor.id.toString(), "message", message, "goalSkills", List.of("Kotlin")))
                .when().post("/v1/mentorships")
                .then().statusCode(201).body("status", equalTo("pending")).extract().path("id");
    }

    @Test
    void aRequestAcceptedByTheMentorStartsTheMentorshipAndEveryStepReachesTheBroker() {
        Person mentee = people.saved();
        Person mentor = people.saved();
        Person stranger = people.saved();
        String id = request(mentee, mentor, "Would you help me with Kotlin?");

        mentor.as().when().get("/v1/mentorships/" + id).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("message", equalTo("Would you help me with Kotlin?"))
                .body("menteeId", equalTo(mentee.id.toString())).body("kind", equalTo("classic"));
        as(People.hrAdmin()).when().get("/v1/mentorships/" + id).then().statusCode(200)
                .body("status", equalTo("pending")).body("message", nullValue());
        as(People.programAdmin()).when().get("/v1/mentorships/" + id).then().statusCode(200)
                .body("message", nullValue());
        stranger.as().when().get("/v1/mentorships/" + id).then().statusCode(404).contentType(PROBLEM);
        as(People.nobody()).when().get("/v1/mentorships/" + id).then().statusCode(404).contentType(PROBLEM);

        mentor.as().when().post("/v1/mentorships/" + id + "/accept").then().statusCode(200)
                .body("status", equalTo("active")).body("startedAt", org.hamcrest.Matchers.notNullValue());
        mentee.as().when().post("/v1/mentorships/" + id + "/pause").then().statusCode(200)
                .body("status", equalTo("paused"));
        mentor.as().when().post("/v1/mentorships/" + id + "/resume").then().statusCode(200)
                .body("status", equalTo("active"));
        mentee.as().when().post("/v1/mentorships/" + id + "/complete").then().statusCode(200)
                .body("status", equalTo("completed")).body("endReason", equalTo("completed")).body("version", equalTo(5));

        List<String> expected = List.of("mentoring.mentorship.requested.v1", "mentoring.mentorship.started.v1",
                "mentoring.mentorship.paused.v1", "mentoring.mentorship.resumed.v1", "mentoring.mentorship.ended.v1");
        List<ReceivedEvent> events = BrokerEvents.await(kafkaConfig, "mentoring.mentorship.v1", List.of(id),
                seen -> seen.size() >= expected.size(), Duration.ofSeconds(60));
        assertEquals(expected, events.stream().map(ReceivedEvent::type).toList());
        EventCatalogue catalogue = EventCatalogue.load();
        for (int i = 0; i < events.size(); i++) {
            ReceivedEvent e = events.get(i);
            catalogue.assertConforms(e.type(), e.data());
            assertEquals(id, e.subject());
            assertEquals(i + 1, e.dataTree().get("version").asInt());
            assertTrue(!e.data().contains("Kotlin?"), "the private message never travels in events");
        }
        var started = events.get(1).dataTree();
        assertEquals(mentor.id.toString(), started.get("mentorId").asText());
        assertEquals("informal", started.get("origin").asText());
        assertEquals("mentor", started.get("participants").get(0).get("role").asText());
        assertEquals("completed", events.get(4).dataTree().get("endReason").asText());
        assertTrue(catalogue.assertOutboxConforms(dataSource, "matching") >= expected.size(), "the outbox conforms");
    }

    /** Every move from every state by every kind of caller: allowed ones succeed, others are refused. */
    @Test
    void everyMoveFromEveryStateByEveryCaller() {
        List<String> mismatches = new ArrayList<>();
        for (MentorshipStatus state : MentorshipStatus.values()) {
            for (MentorshipStatus.Move move : MentorshipStatus.Move.values()) {
                if (move == MentorshipStatus.Move.EXPIRE) {
                    continue;
                }
                for (String actor : List.of("mentor", "mentee", "stranger", "hr-admin", "program-admin")) {
                    Person mentee = people.saved();
                    Person mentor = people.saved();
                    UUID id = UUID.randomUUID();
                    people.exec("""
                            INSERT INTO matching.mentorship (id, kind, origin, mentor_id, mentee_id, status, message,
                                requested_at, expires_at, version, created_at, updated_at)
                            VALUES (?, 'classic', 'informal', ?, ?, ?, 'hello', now(), now() + interval '1 day', 1,
                                now(), now())""", id, mentor.id, mentee.id, state.value());
                    String bearer = switch (actor) {
                        case "mentor" -> mentor.bearer();
                        case "mentee" -> mentee.bearer();
                        case "stranger" -> people.saved().bearer();
                        case "hr-admin" -> People.hrAdmin();
                        default -> People.programAdmin();
                    };
                    int expected = expectedStatus(state, move, actor);
                    var response = as(bearer).contentType("application/json").body("{}")
                            .when().post("/v1/mentorships/" + id + "/" + move.path());
                    int actual = response.statusCode();
                    String outcome = actual == 200 ? response.path("status") : response.contentType();
                    String wanted = expected == 200 ? state.after(move).value() : PROBLEM;
                    if (actual != expected || !String.valueOf(outcome).startsWith(wanted)) {
                        mismatches.add(actor + " " + move.path() + " on " + state.value() + ": expected " + expected
                                + " " + wanted + ", got " + actual + " " + outcome);
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private static int expectedStatus(MentorshipStatus state, MentorshipStatus.Move move, String actor) {
        if (actor.equals("stranger")) {
            return 404;
        }
        boolean admin = actor.endsWith("admin");
        boolean mayMake = switch (move) {
            case ACCEPT, DECLINE -> actor.equals("mentor");
            case WITHDRAW -> actor.equals("mentee");
            case END -> true;
            default -> !admin;
        };
        if (!mayMake) {
            return 403;
        }
        return state.after(move) == null ? 409 : 200;
    }

    @Test
    void twoAcceptsRacingForTheLastPlaceOneWins() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                Person mentor = people.person();
                mentor.capacity = round % 2 == 0 ? 1 : 2;
                mentor.save();
                int racers = mentor.capacity + 1 + round % 2;
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    ids.add(request(people.saved(), mentor, "Please " + i));
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (String id : ids) {
                    Callable<Integer> accept = () -> {
                        go.await();
                        HttpRequest req = HttpRequest.newBuilder(base.resolve("/v1/mentorships/" + id + "/accept"))
                                .header("Authorization", mentor.bearer())
                                .POST(HttpRequest.BodyPublishers.noBody()).build();
                        return http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
                    };
                    answers.add(pool.submit(accept));
                }
                go.countDown();
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> f : answers) {
                    codes.add(f.get());
                }
                assertEquals(mentor.capacity, codes.stream().filter(c -> c == 200).count(), "winners " + codes);
                assertEquals(racers - mentor.capacity, codes.stream().filter(c -> c == 409).count(), "losers " + codes);
                as(People.hrAdmin()).queryParam("profileId", mentor.id).queryParam("status", "active")
                        .when().get("/v1/mentorships").then().statusCode(200)
                        .body("items.size()", equalTo(mentor.capacity));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFullMentorCannotAcceptAndSaysWhy() {
        Person mentor = people.person();
        mentor.capacity = 0;
        mentor.save();
        String id = request(people.saved(), mentor, "Hi");
        mentor.as().when().post("/v1/mentorships/" + id + "/accept").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("no free place"));
    }

    @Test
    void twoPeopleAskingEachOtherAtOnceGetOneRequest() throws Exception {
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 10; i++) {
                Person a = people.saved();
                Person b = people.saved();
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                var ab = two.submit(() -> asks(start, a, b));
                var ba = two.submit(() -> asks(start, b, a));
                start.countDown();
                // One of them opens the request; the other finds it open, whichever comes first.
                assertEquals(List.of(201, 409), java.util.stream.Stream.of(ab.get(), ba.get()).sorted().toList());
            }
        } finally {
            two.shutdownNow();
        }
    }

    private static int asks(java.util.concurrent.CountDownLatch start, Person mentee, Person mentor)
            throws InterruptedException {
        start.await();
        return mentee.as().contentType("application/json").body(Map.of("mentorId", mentor.id.toString(), "message", "hi"))
                .when().post("/v1/mentorships").then().extract().statusCode();
    }

    @Test
    void someoneWhoLeftCanNeitherAskNorBeTakenOnAsAMentee() {
        Person mentor = people.saved();
        Person gone = people.person();
        gone.status = "terminated";
        gone.save();
        // Their token may still be valid for a while: a request is refused all the same.
        gone.as().contentType("application/json").body(Map.of("mentorId", mentor.id, "message", "hi"))
                .when().post("/v1/mentorships").then().statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("not active"));
        // A request made before they left cannot be accepted after.
        Person leaving = people.saved();
        String id = request(leaving, mentor, "Hi");
        leaving.status = "terminated";
        leaving.version = 2;
        leaving.save();
        mentor.as().when().post("/v1/mentorships/" + id + "/accept").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("mentee's profile is no longer active"));
    }

    @Test
    void peopleWhoGaveTheSameLanguageWithDifferentRegionsShareIt() {
        Person british = people.person();
        british.languages = List.of("en-GB");
        british.save();
        Person american = people.person();
        american.languages = List.of("es-US", "en-US");
        american.save();
        request(british, american, "Hi");
        Person portuguese = people.person();
        portuguese.languages = List.of("pt-PT");
        portuguese.save();
        british.as().contentType("application/json").body(Map.of("mentorId", portuguese.id, "message", "hi"))
                .when().post("/v1/mentorships").then().statusCode(422).body("detail", containsString("language"));
    }

    @Test
    void hardConstraintsRefuseARequestNamingTheReason() {
        Person manager = people.saved();
        Person report = people.person();
        report.chain = List.of(UUID.randomUUID(), manager.id);
        report.save();
        // A report asking someone above them, and a manager asking their own report: conflict of interest both ways.
        report.as().contentType("application/json").body(Map.of("mentorId", manager.id, "message", "hi"))
                .when().post("/v1/mentorships").then().statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("Conflict of interest"));
        manager.as().contentType("application/json").body(Map.of("mentorId", report.id, "message", "hi"))
                .when().post("/v1/mentorships").then().statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("Conflict of interest"));

        Person me = people.saved();
        me.as().contentType("application/json").body(Map.of("mentorId", me.id, "message", "hi"))
                .when().post("/v1/mentorships").then().statusCode(422).body("detail", containsString("yourself"));

        Person french = people.person();
        french.languages = List.of("fr");
        french.save();
        me.as().contentType("application/json").body(Map.of("mentorId", french.id, "message", "hi"))
                .when().post("/v1/mentorships").then().statusCode(422).body("detail", containsString("language"));

        Person closed = people.person();
        closed.openToRequests = false;
        closed.save();
        me.as().contentType("application/json").body(Map.of("mentorId", closed.id, "message", "hi"))
                .when().post("/v1/mentorships").then().statusCode(422).body("detail", containsString("not open"));

        // Asked for a role they did not offer: someone who only wants a mentor, and someone open only to peers.
        Person menteeOnly = people.person();
        menteeOnly.openToRoles = List.of("mentee");
        menteeOnly.save();
        Person peerOnly = people.person();
        peerOnly.openToRoles = List.of("peer");
        peerOnly.save();
        for (String kind : List.of("classic", "reverse")) {
            for (Person asked : List.of(menteeOnly, peerOnly)) {
                me.as().contentType("application/json").body(Map.of("mentorId", asked.id, "kind", kind, "message", "hi"))
                        .when().post("/v1/mentorships").then().statusCode(422).contentType(PROBLEM)
                        .body("detail", containsString("not open to being a mentor"));
            }
        }
        me.as().contentType("application/json").body(Map.of("mentorId", menteeOnly.id, "kind", "peer", "message", "hi"))
                .when().post("/v1/mentorships").then().statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("not open to peer mentoring"));
        me.as().contentType("application/json").body(Map.of("mentorId", peerOnly.id, "kind", "peer", "message", "hi"))
                .when().post("/v1/mentorships").then().statusCode(201).body("kind", equalTo("peer"));

        Person gone = people.person();
        gone.status = "inactive";
        gone.save();
        me.as().contentType("application/json").body(Map.of("mentorId", gone.id, "message", "hi"))
                .when().post("/v1/mentorships").then().statusCode(404).contentType(PROBLEM);

        Person mentor = people.saved();
        String first = request(me, mentor, "first");
        me.as().contentType("application/json").body(Map.of("mentorId", mentor.id, "message", "again"))
                .when().post("/v1/mentorships").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("already"));
        // Not the other way round either, while it is open.
        mentor.as().contentType("application/json").body(Map.of("mentorId", me.id, "message", "me too"))
                .when().post("/v1/mentorships").then().statusCode(409);

        mentor.as().when().post("/v1/mentorships/" + first + "/accept").then().statusCode(200);
        me.as().contentType("application/json").body(Map.of("reason", "not working out"))
                .when().post("/v1/mentorships/" + first + "/end").then().statusCode(200)
                .body("endReason", equalTo("ended_early")).body("endNote", equalTo("not working out"));
        me.as().contentType("application/json").body(Map.of("mentorId", mentor.id, "message", "once more"))
                .when().post("/v1/mentorships").then().statusCode(422).body("detail", containsString("ended early"));
        as(People.hrAdmin()).when().get("/v1/mentorships/" + first).then().statusCode(200)
                .body("endNote", nullValue()).body("message", nullValue());
    }

    @Test
    void badRequestsAreProblems() {
        Person me = people.saved();
        me.as().contentType("application/json").body("{\"mentorId\":\"" + people.saved().id + "\"}")
                .when().post("/v1/mentorships").then().statusCode(400).contentType(PROBLEM);
        me.as().contentType("application/json")
                .body(Map.of("mentorId", people.saved().id, "message", "x", "kind", "group"))
                .when().post("/v1/mentorships").then().statusCode(400).contentType(PROBLEM);
        me.as().contentType("application/json").body("{\"mentorId\":\"nope\",\"message\":\"x\"}")
                .when().post("/v1/mentorships").then().statusCode(400).contentType(PROBLEM);
        me.as().contentType("application/json").body(Map.of("mentorId", people.saved().id, "message", "x", "extra", 1))
                .when().post("/v1/mentorships").then().statusCode(400).contentType(PROBLEM);
        me.as().when().get("/v1/mentorships/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        me.as().queryParam("cursor", "garbage").when().get("/v1/mentorships").then().statusCode(400)
                .contentType(PROBLEM);
        me.as().queryParam("status", "happy").when().get("/v1/mentorships").then().statusCode(400);
        as(People.nobody()).contentType("application/json").body(Map.of("mentorId", me.id, "message", "x"))
                .when().post("/v1/mentorships").then().statusCode(404).contentType(PROBLEM);
        as(People.hrAdmin()).when().get("/v1/mentorships/" + UUID.randomUUID())
                .then().statusCode(404);
        io.restassured.RestAssured.given().when().get("/v1/mentorships").then().statusCode(401);
        as(org.mentoring.platform.testing.TestTokens.bearer("i", "i@example.com", "integration"))
                .when().get("/v1/mentorships").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void listsShowOnesOwnMentorshipsAndAdminsAnyonesWithoutTheirWords() {
        Person me = people.saved();
        Person a = people.saved();
        Person b = people.saved();
        Person c = people.saved();
        String toA = request(me, a, "to a");
        String toB = request(me, b, "to b");
        String fromC = request(c, me, "from c");
        me.as().when().post("/v1/mentorships/" + fromC + "/accept").then().statusCode(200);

        me.as().when().get("/v1/mentorships").then().statusCode(200).body("items.size()", equalTo(3))
                .body("items[0].id", equalTo(fromC)).body("items[2].message", equalTo("to a"));
        me.as().queryParam("role", "mentee").when().get("/v1/mentorships").then()
                .body("items.id", equalTo(List.of(toB, toA)));
        me.as().queryParam("status", "active").when().get("/v1/mentorships").then()
                .body("items.id", equalTo(List.of(fromC)));
        String cursor = me.as().queryParam("limit", 2).when().get("/v1/mentorships").then()
                .body("items.size()", equalTo(2)).extract().path("nextCursor");
        me.as().queryParam("limit", 2).queryParam("cursor", cursor).when().get("/v1/mentorships").then()
                .body("items.id", equalTo(List.of(toA))).body("nextCursor", nullValue());
        // A query value of the wrong form is a 400 naming the parameter, not a 404.
        me.as().queryParam("limit", "two").when().get("/v1/mentorships").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
        me.as().queryParam("limit", 101).when().get("/v1/mentorships").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
        me.as().queryParam("profileId", "me").when().get("/v1/mentorships").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("profileId"));

        a.as().queryParam("profileId", me.id).when().get("/v1/mentorships").then().statusCode(403)
                .contentType(PROBLEM);
        me.as().queryParam("profileId", me.id).when().get("/v1/mentorships").then().statusCode(200)
                .body("items.size()", equalTo(3));
        as(People.hrAdmin()).queryParam("profileId", me.id).when().get("/v1/mentorships").then().statusCode(200)
                .body("items.size()", equalTo(3)).body("items.message", equalTo(java.util.Arrays.asList(null, null, null)));
        as(People.programAdmin()).queryParam("profileId", a.id).when().get("/v1/mentorships").then()
                .statusCode(200).body("items.id", equalTo(List.of(toA)));
    }

    @Test
    void anUnansweredRequestExpires() {
        Person mentee = people.saved();
        Person mentor = people.saved();
        String id = request(mentee, mentor, "anyone there?");
        people.exec("UPDATE matching.mentorship SET expires_at = now() - interval '1 minute' WHERE id = ?",
                UUID.fromString(id));
        assertTrue(service.expireDue(1000) >= 1);
        mentee.as().when().get("/v1/mentorships/" + id).then().statusCode(200).body("status", equalTo("expired"));
        mentor.as().when().post("/v1/mentorships/" + id + "/accept").then().statusCode(409);
        List<ReceivedEvent> events = BrokerEvents.await(kafkaConfig, "mentoring.mentorship.v1", List.of(id),
                seen -> seen.size() >= 2, Duration.ofSeconds(60));
        assertEquals("mentoring.mentorship.expired.v1", events.get(1).type());
        EventCatalogue.load().assertConforms(events.get(1).type(), events.get(1).data());
    }
}
