package org.mentoring.matching.recommend;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mentoring.matching.People.as;

import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mentoring.matching.BrokerEvents;
import org.mentoring.matching.People;
import org.mentoring.matching.People.Person;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.MentoringTestResource;
import org.mentoring.platform.testing.TestTokens;

/** Explained recommendations over the real read model, and how they follow mentor quality from the broker. */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "matching"))
class RecommendationApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    DataSource dataSource;

    @Inject
    CandidateIndex index;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    People people;
    String s1;
    String s2;

    @BeforeEach
    void setUp() {
        people = new People(dataSource);
        String run = UUID.randomUUID().toString().substring(0, 8);
        s1 = "Negotiation " + run;
        s2 = "Rust " + run;
    }

    private Person mentee() {
        Person me = people.person();
        me.level = 3;
        me.department = "Sales";
        me.goals = """
                [{"skill":"%s","targetLevel":4,"priority":1},{"skill":"%s","targetLevel":3,"priority":2}]
                """.formatted(s1, s2);
        return me;
    }

    private Person mentor(int p1, int p2) {
        Person m = people.person();
        m.level = 5;
        m.skills = p2 == 0 ? "[{\"skill\":\"%s\",\"proficiency\":%d}]".formatted(s1, p1)
                : p1 == 0 ? "[{\"skill\":\"%s\",\"proficiency\":%d}]".formatted(s2, p2)
                : "[{\"skill\":\"%s\",\"proficiency\":%d},{\"skill\":\"%s\",\"proficiency\":%d}]".formatted(s1, p1, s2, p2);
        return m;
    }

    private JsonPath recommend(Person me, Map<String, Object> query) {
        index.expire();
        return me.as().queryParams(query).when().get("/v1/recommendations")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void bestFirstWithReasonsAndNeverAConflictOfInterest() {
        Person manager = mentor(5, 5);
        manager.level = 7;
        manager.save();
        Person me = mentee();
        me.chain = List.of(manager.id);
        me.save();
        Person best = mentor(5, 4).save();
        Person good = mentor(4, 0);
        good.languages = List.of("en", "de");
        good.save();
        Person weak = mentor(0, 1);
        weak.location = "Paris";
        weak.save();
        Person report = mentor(5, 5);
        report.chain = List.of(me.id, manager.id);
        report.save();
        Person french = mentor(5, 5);
        french.languages = List.of("fr");
        french.save();
        Person closed = mentor(5, 5);
        closed.openToRequests = false;
        closed.save();
        Person asked = mentor(5, 5).save();
        me.as().contentType("application/json").body(Map.of("mentorId", asked.id, "message", "hi"))
                .when().post("/v1/mentorships").then().statusCode(201);

        JsonPath page = recommend(me, Map.of("kind", "mentor", "limit", 10));
        assertEquals(List.of(best.id.toString(), good.id.toString(), weak.id.toString()), page.getList("items.profileId"));
        List<Float> scores = page.getList("items.score", Float.class);
        assertTrue(scores.get(0) > scores.get(1) && scores.get(1) > scores.get(2), scores.toString());
        assertThat(page.getList("items[0].reasons", String.class), "covers 2 of your 2 goals: " + s1 + ", " + s2);
        assertThat(page.getList("items[1].reasons", String.class), "covers 1 of your 2 goals: " + s1);
        assertTrue(page.getList("items[2].reasons", String.class).contains("some experience in " + s2));
        Map<String, Float> breakdown = page.getMap("items[0].breakdown", String.class, Float.class);
        assertEquals(scores.get(0), breakdown.values().stream().reduce(0f, Float::sum), 0.5);
        assertTrue(breakdown.get("goals") > 0);

        assertEquals(List.of(weak.id.toString()),
                recommend(me, Map.of("location", "paris")).getList("items.profileId"));
        assertEquals(List.of(good.id.toString()), recommend(me, Map.of("language", "de")).getList("items.profileId"));
        assertEquals(List.of(), recommend(me, Map.of("department", "Legal")).getList("items.profileId"));
        assertEquals(List.of(best.id.toString()), recommend(me, Map.of("limit", 1)).getList("items.profileId"));

        // The manager, looking for someone to mentor them in reverse, never gets their own report either.
        JsonPath forManager = as(People.hrAdmin()).queryParam("profileId", manager.id).queryParam("kind", "reverse")
                .when().get("/v1/recommendations").then().statusCode(200).extract().jsonPath();
        assertFalse(forManager.getList("items.profileId").contains(report.id.toString()));
        assertFalse(forManager.getList("items.profileId").contains(me.id.toString()));
    }

    @Test
    void aLanguageIsSharedWhateverRegionEachGaveAndTheFilterIsARange() {
        Person me = mentee();
        me.languages = List.of("en-GB");
        me.save();
        Person american = mentor(5, 5);
        american.languages = List.of("en-US");
        american.save();
        Person brazilian = mentor(4, 1);
        brazilian.languages = List.of("pt-BR", "en-AU");
        brazilian.save();
        Person german = mentor(5, 5);
        german.languages = List.of("de-DE");
        german.save();

        JsonPath page = recommend(me, Map.of());
        assertEquals(List.of(american.id.toString(), brazilian.id.toString()), page.getList("items.profileId"));
        assertTrue(page.getList("items[0].reasons", String.class).contains("speaks English with you"));
        assertEquals(List.of(brazilian.id.toString()), recommend(me, Map.of("language", "pt")).getList("items.profileId"));
        assertEquals(List.of(brazilian.id.toString()), recommend(me, Map.of("language", "PT_br")).getList("items.profileId"));
        assertEquals(List.of(), recommend(me, Map.of("language", "pt-PT")).getList("items.profileId"));
        assertEquals(List.of(american.id.toString(), brazilian.id.toString()),
                recommend(me, Map.of("language", "en")).getList("items.profileId"));
        index.expire();
        me.as().queryParam("language", "english").when().get("/v1/recommendations")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("language"));
    }

    private static void assertThat(List<String> reasons, String expected) {
        assertTrue(reasons.contains(expected), reasons + " lacks " + expected);
    }

    @Test
    void onlyAdministratorsAskForSomeoneElse() {
        Person me = mentee().save();
        mentor(5, 5).save();
        Person other = mentee().save();
        me.as().queryParam("profileId", other.id).when().get("/v1/recommendations").then().statusCode(403)
                .contentType(PROBLEM);
        me.as().queryParam("profileId", me.id).when().get("/v1/recommendations").then().statusCode(200);
        as(People.programAdmin()).queryParam("profileId", other.id).when().get("/v1/recommendations").then()
                .statusCode(200).body("profileId", equalTo(other.id.toString()));
        as(People.hrAdmin()).queryParam("profileId", UUID.randomUUID()).when().get("/v1/recommendations").then()
                .statusCode(404).contentType(PROBLEM);
        me.as().queryParam("kind", "boss").when().get("/v1/recommendations").then().statusCode(400)
                .contentType(PROBLEM);
        me.as().queryParam("limit", 0).when().get("/v1/recommendations").then().statusCode(400)
                .contentType(PROBLEM);
        me.as().queryParam("limit", "ten").when().get("/v1/recommendations").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("limit"));
        me.as().queryParam("profileId", "12345").when().get("/v1/recommendations").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("profileId"));
        as(People.nobody()).when().get("/v1/recommendations").then().statusCode(404).contentType(PROBLEM);
        as(TestTokens.bearer("i", "i@example.com", "integration")).when().get("/v1/recommendations").then()
                .statusCode(403).contentType(PROBLEM);
    }

    @Test
    void peerRecommendationsPreferTheSameLevel() {
        Person me = mentee();
        me.save();
        Person same = mentor(4, 3);
        same.level = 3;
        same.save();
        Person far = mentor(4, 3);
        far.level = 6;
        far.save();
        JsonPath page = recommend(me, Map.of("kind", "peer"));
        assertEquals(List.of(same.id.toString(), far.id.toString()), page.getList("items.profileId"));
        assertThat(page.getList("items[0].reasons", String.class), "works at your level");
    }

    @Test
    void lowRatingsFromFeedbackLowerAMentorsRank() throws Exception {
        Person me = mentee().save();
        Person a = mentor(5, 5).save();
        Person b = mentor(5, 5).save();
        List<String> before = recommend(me, Map.of()).getList("items.profileId");
        assertEquals(2, before.size());
        String first = before.get(0);
        String second = before.get(1);

        String data = """
                {"profileId":"%s","quality":1.6,"ratingCount":12,"version":3,"changedAt":"%s"}
                """.formatted(first, OffsetDateTime.now(ZoneOffset.UTC));
        BrokerEvents.publish(kafkaConfig, "mentoring.mentor-quality.changed.v1", first, "/mentoring/feedback-service",
                data);
        // An older quality arriving late changes nothing.
        BrokerEvents.publish(kafkaConfig, "mentoring.mentor-quality.changed.v1", first, "/mentoring/feedback-service",
                data.replace("1.6", "4.9").replace("\"version\":3", "\"version\":2"));

        Eventually.await(Duration.ofSeconds(60), () -> quality(UUID.fromString(first)), q -> q[0] == 1.6,
                "quality of " + first);
        Eventually.await(Duration.ofSeconds(30), () -> recommend(me, Map.of()).getList("items.profileId"),
                ids -> ids.equals(List.of(second, first)), "the low-rated mentor ranks below");
        JsonPath page = recommend(me, Map.of());
        assertThat(page.getList("items[1].reasons", String.class), "rated 1.6 of 5 by 12 mentees");
        assertTrue(page.getFloat("items[1].breakdown.quality") < page.getFloat("items[0].breakdown.quality"));
        assertEquals(12, (int) quality(UUID.fromString(first))[1]);
        assertTrue(List.of(a.id.toString(), b.id.toString()).containsAll(before));
    }

    private double[] quality(UUID id) {
        try (var c = dataSource.getConnection();
             var ps = c.prepareStatement("SELECT quality, rating_count FROM matching.candidate WHERE profile_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new double[] {rs.getObject(1) == null ? 0 : rs.getDouble(1), rs.getInt(2)};
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
