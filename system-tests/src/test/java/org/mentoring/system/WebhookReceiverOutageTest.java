package org.mentoring.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mentoring.system.Journeys.Person;

/**
 * A customer's webhook receiver is down for over two minutes while people keep working, then comes back: first its
 * port is closed (connections refused), then it answers {@code 503} to everything it is sent, then it acknowledges
 * again. Afterwards it holds every event published since it subscribed, each with a valid signature, a redelivered
 * event with the very same body, and the events of each aggregate in the order they were published; the subscription
 * was never disabled.
 *
 * <p>The services run with the compressed retry schedule of {@link MentoringSystem#WEBHOOK_RETRY_SCHEDULE} (the
 * default, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, would try again only five minutes into the outage): the same
 * growing shape, but short enough that the test waits seconds, not minutes, once the receiver is back.
 */
class WebhookReceiverOutageTest extends AgainstTheSystem {

    private static final Duration BEFORE = Duration.ofSeconds(10);
    private static final Duration REFUSING = Duration.ofSeconds(95);
    private static final Duration FAILING = Duration.ofSeconds(30);
    /** One round of writes (a profile change and a whole mentorship) starts this often. */
    private static final Duration PACE = Duration.ofSeconds(3);

    @Test
    void aReceiverDownForOverTwoMinutesGetsEveryEventInOrderOnceItIsBack() throws Exception {
        WebhookSubscriber receiver = new WebhookSubscriber();
        String subscriptionId = receiver.subscribeToEverything(api, "outage watcher");
        Instant subscribedAt = Instant.now();
        Writes writes = new Writes();

        writes.during(BEFORE);
        receiver.refuse();
        Instant down = Instant.now();
        writes.during(REFUSING);
        receiver.fail();
        writes.during(FAILING);
        receiver.recover();
        Instant back = Instant.now();

        Until.passes(Duration.ofMinutes(1), () -> {
            List<String> missing = new ArrayList<>();
            PublishedEvents.since(system.database(), subscribedAt).forEach(e -> missing.add(e.id()));
            missing.removeAll(receiver.received());
            assertEquals(List.of(), missing, "events the receiver has not acknowledged");
        });
        Duration drained = Duration.between(back, Instant.now());

        List<PublishedEvents.Event> published = PublishedEvents.since(system.database(), subscribedAt);
        assertEquals(List.of(), receiver.problems, "deliveries that failed verification or changed on redelivery");
        assertEquals(List.of(), outOfOrder(published, receiver.received()), "aggregates delivered out of order");
        assertTrue(receiver.failedDeliveries() > 0, "the receiver was tried while it answered 503");
        Response subscription = api.at("profile", Api.HR).get("/v1/webhooks/subscriptions/" + subscriptionId);
        assertEquals(true, subscription.path("active"), "still active after the outage: " + subscription.asString());
        assertEquals(0, deliveries(subscriptionId, "status <> 'delivered'"), "deliveries not delivered");

        int duringOutage = PublishedEvents.since(system.database(), down).size()
                - PublishedEvents.since(system.database(), back).size();
        System.out.printf("webhook receiver down %d s (%d s refusing, %d s answering 503): %d events published since"
                        + " it subscribed (%d while it was down, in %d rounds of writes); %d deliveries received, %d"
                        + " distinct, %d redelivered after a 503; at most %d attempts for one delivery; all"
                        + " acknowledged %.1f s after it was back%n",
                REFUSING.plus(FAILING).toSeconds(), REFUSING.toSeconds(), FAILING.toSeconds(), published.size(),
                duringOutage, writes.rounds, receiver.deliveries(), receiver.received().size(),
                receiver.deliveries() - receiver.received().size(), deliveries(subscriptionId, "true", "max(attempts)"),
                drained.toMillis() / 1000.0);
        assertEquals(204, api.at("profile", Api.HR).delete("/v1/webhooks/subscriptions/" + subscriptionId).statusCode());
        receiver.close();
    }

    /**
     * Events of one topic and key (one aggregate) that the receiver first acknowledged in another order than they
     * were published: Kafka keeps them in order and the dispatcher sends a subscription's deliveries one at a time.
     */
    private static List<String> outOfOrder(List<PublishedEvents.Event> published, List<String> received) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < received.size(); i++) {
            position.put(received.get(i), i);
        }
        Map<String, Integer> lastOfAggregate = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (PublishedEvents.Event e : published) {
            String aggregate = e.topic() + " " + e.key();
            int at = position.getOrDefault(e.id(), -1);
            Integer before = lastOfAggregate.put(aggregate, at);
            if (before != null && at < before) {
                wrong.add(aggregate + ": " + e.id() + " acknowledged before an earlier event");
            }
        }
        return wrong;
    }

    private static int deliveries(String subscriptionId, String condition) throws SQLException {
        return deliveries(subscriptionId, condition, "count(*)");
    }

    private static int deliveries(String subscriptionId, String condition, String aggregate) throws SQLException {
        try (Connection c = system.database().adminConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + aggregate + " FROM profile.webhook_delivery WHERE subscription_id = ?::uuid AND "
                        + condition)) {
            ps.setString(1, subscriptionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * What people do meanwhile: each round an HR admin changes a mentee's job title, and the mentee asks the mentor,
     * who accepts; they pause, resume and complete the mentorship (six events, five of them about one mentorship).
     */
    private static final class Writes {
        private final Person mentor;
        private final String mentorId;
        private final List<Person> mentees = new ArrayList<>();
        private final List<UUID> menteeIds = new ArrayList<>();
        private int rounds;

        Writes() {
            mentor = journeys.hire("outage-mentor", 8, "Sales");
            journeys.preferences(mentor, Map.of("openToRoles", List.of("mentor"), "capacity", 3,
                    "openToRequests", true, "skills", List.of(Map.of("skill", "Negotiation", "proficiency", 5))));
            mentorId = journeys.profileId(mentor);
            for (int i = 0; i < 3; i++) {
                Person mentee = journeys.hire("outage-mentee", 2, "Sales");
                mentees.add(mentee);
                menteeIds.add(UUID.fromString(journeys.profileId(mentee)));
            }
        }

        void during(Duration length) {
            long end = System.nanoTime() + length.toNanos();
            while (System.nanoTime() < end) {
                long next = System.nanoTime() + PACE.toNanos();
                round();
                ChildProcess.sleep(Math.max(0, Math.min(next, end) - System.nanoTime()) / 1_000_000);
            }
        }

        private void round() {
            int i = rounds++ % mentees.size();
            Person mentee = mentees.get(i);
            Response patched = api.patchJobTitle(menteeIds.get(i), "Analyst, round " + rounds);
            assertEquals(200, patched.statusCode(), patched.asString());
            Response requested = journeys.eventually(201, () -> api.at("matching", mentee.token())
                    .contentType("application/json")
                    .body(Map.of("mentorId", mentorId, "message", "Round " + rounds + ": could you help me negotiate?"))
                    .post("/v1/mentorships"));
            String mentorship = "/v1/mentorships/" + requested.path("id");
            move(mentor, mentorship + "/accept");
            move(mentee, mentorship + "/pause");
            move(mentee, mentorship + "/resume");
            move(mentee, mentorship + "/complete");
        }

        private static void move(Person who, String path) {
            Response r = api.at("matching", who.token()).contentType("application/json").post(path);
            assertEquals(200, r.statusCode(), path + ": " + r.asString());
        }
    }
}
