package org.mentoring.session;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.MentoringTestResource;

/**
 * The whole path through the real broker: a mentorship starts (matching's event), sessions are scheduled and held
 * here, their events reach the broker; the mentorship ends, and its future sessions are cancelled with events.
 */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "session"))
class SessionFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource db;

    @Test
    void mentorshipStartedThenSessionsThenMentorshipEndedCancelsTheFutureOnes() throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = Broker.consumer("mentoring.session.v1")) {
            Fixtures.Pair pair = Fixtures.pair(db);
            String upcoming = schedule(pair, LocalDate.now().plusDays(5).atTime(9, 0).toString(), false);
            String proposed = schedule(pair, LocalDate.now().plusDays(6).atTime(9, 0).toString(), true);
            String past = schedule(pair, LocalDate.now().minusDays(5).atTime(9, 0).toString(), false);
            pair.mentee().api().post("/v1/sessions/" + past + "/held").then().statusCode(200);

            List<ConsumerRecord<String, byte[]>> first = Broker.await(consumer,
                    r -> Set.of(upcoming, past).contains(r.key()), 3, Duration.ofSeconds(60));
            assertEquals(List.of("mentoring.session.scheduled.v1"), types(first, upcoming));
            assertEquals(List.of("mentoring.session.scheduled.v1", "mentoring.session.completed.v1"), types(first, past));
            first.forEach(SessionFlowTest::assertCatalogued);
            JsonNode completed = data(first.get(first.size() - 1));
            assertEquals(pair.programId().toString(), completed.path("programId").asText());

            Broker.publish("mentoring.mentorship.ended.v1", pair.mentorshipId(), Fixtures.mentorship(
                    pair.mentorshipId(), pair.programId(), pair.mentor().id(), pair.mentee().id(), "ended", 2),
                    Fixtures.MATCHING_SOURCE);
            Eventually.await(Duration.ofSeconds(60),
                    () -> pair.mentor().api().get("/v1/sessions/" + upcoming).then().extract().<String>path("status"),
                    "cancelled"::equals, "the upcoming session cancelled");
            pair.mentor().api().get("/v1/sessions/" + upcoming).then()
                    .body("cancelReason", equalTo("mentorship_ended")).body("sequence", equalTo(1));
            pair.mentor().api().get("/v1/sessions/" + proposed).then()
                    .body("status", equalTo("cancelled")).body("cancelReason", equalTo("mentorship_ended"));
            pair.mentor().api().get("/v1/sessions/" + past).then().body("status", equalTo("held"));

            List<ConsumerRecord<String, byte[]>> after = Broker.await(consumer, r -> upcoming.equals(r.key()), 1,
                    Duration.ofSeconds(60));
            assertEquals(1, after.size());
            assertCatalogued(after.get(0));
            assertEquals("mentoring.session.cancelled.v1", header(after.get(0), "ce_type"));
            assertEquals("mentorship_ended", data(after.get(0)).path("cancelReason").asText());
            assertEquals("/mentoring/session-service", header(after.get(0), "ce_source"));

            pair.mentor().api().body(Fixtures.session(pair.mentorshipId(),
                            LocalDate.now().plusDays(8).atTime(9, 0).toString(), 60, "Europe/Berlin"))
                    .post("/v1/sessions").then().statusCode(409).contentType(Fixtures.PROBLEM);
        }
    }

    @Test
    void aDeactivatedParticipantsFutureSessionsAreCancelled() {
        Fixtures.Pair pair = Fixtures.pair(db);
        String upcoming = schedule(pair, LocalDate.now().plusDays(4).atTime(10, 0).toString(), false);
        Broker.publish("mentoring.profile.deactivated.v1", pair.mentee().id(), Fixtures.profile(pair.mentee().id(), 2,
                pair.mentee().name(), pair.mentee().email(), "Europe/Berlin", "terminated"), Fixtures.PROFILE_SOURCE);
        Eventually.await(Duration.ofSeconds(60),
                () -> pair.mentor().api().get("/v1/sessions/" + upcoming).then().extract().<String>path("cancelReason"),
                "participant_left"::equals, "the session cancelled because the mentee left");
        // Until matching ends the mentorship, neither the mentee (their token may still be valid) nor the mentor can
        // plan another session with them.
        for (Fixtures.Person who : List.of(pair.mentor(), pair.mentee())) {
            who.api().body(Fixtures.session(pair.mentorshipId(), LocalDate.now().plusDays(6).atTime(9, 0).toString(),
                    60, "Europe/Berlin")).post("/v1/sessions").then().statusCode(409).contentType(Fixtures.PROBLEM);
        }
    }

    private static String schedule(Fixtures.Pair pair, String start, boolean proposal) {
        String body = Fixtures.session(pair.mentorshipId(), start, 60, "Europe/Berlin");
        if (proposal) {
            body = body.replace("\"agenda\"", "\"proposal\":true,\"agenda\"");
        }
        return pair.mentor().api().body(body).post("/v1/sessions").then().statusCode(201)
                .extract().path("items[0].id");
    }

    private static List<String> types(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).map(r -> header(r, "ce_type")).toList();
    }

    private static void assertCatalogued(ConsumerRecord<String, byte[]> r) {
        EventCatalogue.load().assertConforms(header(r, "ce_type"), new String(r.value(), StandardCharsets.UTF_8));
        assertEquals(r.key(), header(r, "ce_subject"));
    }

    private static JsonNode data(ConsumerRecord<String, byte[]> r) {
        try {
            return JSON.readTree(r.value());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Map<String, String> headers = new HashMap<>();
        r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return headers.get(name);
    }
}
