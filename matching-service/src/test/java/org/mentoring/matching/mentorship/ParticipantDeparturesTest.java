package org.mentoring.matching.mentorship;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
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
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.MentoringTestResource;

/** Profile events from the broker end a departed or erased person's mentorships. */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "matching"))
class ParticipantDeparturesTest {

    @Inject
    DataSource dataSource;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    People people;

    @BeforeEach
    void people() {
        people = new People(dataSource);
    }

    private String request(Person mentee, Person mentor, String message) {
        return mentee.as().contentType("application/json").body(Map.of("mentorId", mentor.id, "message", message))
                .when().post("/v1/mentorships").then().statusCode(201).extract().path("id");
    }

    private static String deactivated(Person p, long version) {
        return """
                {"profileId":"%s","status":"terminated","version":%d,"changedAt":"%s"}
                """.formatted(p.id, version, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private void awaitStatus(Person viewer, String id, String status) {
        Eventually.await(Duration.ofSeconds(60), () -> viewer.as().when().get("/v1/mentorships/" + id).then()
                .extract().path("status"), status::equals, "mentorship " + id + " " + status);
    }

    @Test
    void aDeactivatedPersonsMentorshipsEndAndTheirRequestsClose() throws Exception {
        Person leaver = people.saved();
        Person mentee = people.saved();
        Person asker = people.saved();
        Person asked = people.saved();
        String active = request(mentee, leaver, "teach me");
        leaver.as().when().post("/v1/mentorships/" + active + "/accept").then().statusCode(200);
        String toLeaver = request(asker, leaver, "please");
        String fromLeaver = request(leaver, asked, "could you?");

        BrokerEvents.publish(kafkaConfig, "mentoring.profile.deactivated.v1", leaver.id.toString(),
                "/mentoring/profile-service", deactivated(leaver, 2));

        awaitStatus(mentee, active, "ended");
        mentee.as().when().get("/v1/mentorships/" + active).then()
                .body("endReason", equalTo("participant_deactivated")).body("message", equalTo("teach me"));
        awaitStatus(asker, toLeaver, "declined");
        awaitStatus(asked, fromLeaver, "withdrawn");

        List<ReceivedEvent> events = BrokerEvents.await(kafkaConfig, "mentoring.mentorship.v1",
                List.of(active, toLeaver, fromLeaver), seen -> seen.size() >= 5, Duration.ofSeconds(60));
        EventCatalogue catalogue = EventCatalogue.load();
        events.forEach(e -> catalogue.assertConforms(e.type(), e.data()));
        assertEquals(List.of("mentoring.mentorship.requested.v1", "mentoring.mentorship.started.v1",
                "mentoring.mentorship.ended.v1"), events.stream().filter(e -> e.subject().equals(active))
                .map(ReceivedEvent::type).toList());
        assertEquals("participant_deactivated", events.stream()
                .filter(e -> e.type().endsWith("ended.v1")).findFirst().orElseThrow().dataTree().get("endReason").asText());
    }

    @Test
    void aStaleDeactivationLeavesAReturnedPersonsMentorshipsAlone() throws Exception {
        Person mentor = people.person();
        mentor.version = 5;
        mentor.save();
        Person mentee = people.saved();
        String id = request(mentee, mentor, "hello");
        mentor.as().when().post("/v1/mentorships/" + id + "/accept").then().statusCode(200);
        String stale = BrokerEvents.publish(kafkaConfig, "mentoring.profile.deactivated.v1", mentor.id.toString(),
                "/mentoring/profile-service", deactivated(mentor, 3));
        Eventually.await(Duration.ofSeconds(60), () -> consumed(stale), n -> n == 1, "the stale deactivation consumed");
        mentee.as().when().get("/v1/mentorships/" + id).then().body("status", equalTo("active"));
        // On leave at a later version: employed still, so a late deactivation leaves them alone too.
        mentor.status = "on_leave";
        mentor.version = 7;
        mentor.save();
        String late = BrokerEvents.publish(kafkaConfig, "mentoring.profile.deactivated.v1", mentor.id.toString(),
                "/mentoring/profile-service", deactivated(mentor, 6));
        Eventually.await(Duration.ofSeconds(60), () -> consumed(late), n -> n == 1, "the late deactivation consumed");
        mentee.as().when().get("/v1/mentorships/" + id).then().body("status", equalTo("active"));
    }

    private int consumed(String eventId) {
        try (var c = dataSource.getConnection();
             var ps = c.prepareStatement("SELECT count(*) FROM matching.inbox WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void erasureEndsMentorshipsAndRemovesTheWordsThePersonWrote() throws Exception {
        Person erased = people.saved();
        Person mentor = people.saved();
        Person other = people.saved();
        String active = request(erased, mentor, "my private words");
        mentor.as().when().post("/v1/mentorships/" + active + "/accept").then().statusCode(200);
        String declined = request(other, erased, "will you?");
        erased.as().contentType("application/json").body(Map.of("reason", "too busy, sorry"))
                .when().post("/v1/mentorships/" + declined + "/decline").then().statusCode(200);

        BrokerEvents.publish(kafkaConfig, "mentoring.profile.erased.v1", erased.id.toString(),
                "/mentoring/profile-service", "{\"profileId\":\"" + erased.id + "\",\"version\":9}");

        awaitStatus(mentor, active, "ended");
        mentor.as().when().get("/v1/mentorships/" + active).then()
                .body("endReason", equalTo("participant_erased")).body("message", nullValue());
        other.as().when().get("/v1/mentorships/" + declined).then()
                .body("declineReason", nullValue()).body("message", equalTo("will you?"));
    }
}
