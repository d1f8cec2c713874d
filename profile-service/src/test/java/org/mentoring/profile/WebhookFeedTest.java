package org.mentoring.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.events.ReceivedEvent;
import org.mentoring.platform.testing.MentoringTestResource;
import org.mentoring.profile.webhook.WebhookFeed;

/** Which subscriptions the feed queues an event for, beyond the event types they ask for. */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class WebhookFeedTest {

    @Inject
    WebhookFeed feed;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Test
    void aSubscriptionBeingDisabledIsToldOnlyToItsOwnersOtherSubscriptions() {
        // Inside a transaction that is rolled back, so that no dispatcher ever sees these subscriptions.
        QuarkusTransaction.begin();
        try {
            UUID disabled = subscription("integrator-a", false);
            UUID sameOwner = subscription("integrator-a", true);
            UUID otherOwner = subscription("integrator-b", true);
            feed.apply(new ReceivedEvent(UUID.randomUUID().toString(), "mentoring.webhook.subscription-disabled.v1",
                    "/profile-service", disabled.toString(), OffsetDateTime.now(), "mentoring.webhook.v1", 0, 0,
                    disabled.toString(), "{\"subscriptionId\":\"" + disabled + "\",\"reason\":\"gone\",\"disabledAt\":\""
                    + OffsetDateTime.now() + "\"}", Map.of(), mapper));
            assertEquals(1, queued(sameOwner), "the owner's other subscription hears it");
            assertEquals(0, queued(otherOwner), "another integrator's subscription does not");
            assertEquals(0, queued(disabled));
            // A kudos event still goes to both.
            feed.apply(new ReceivedEvent(UUID.randomUUID().toString(), "mentoring.kudos.given.v1", "/feedback-service",
                    UUID.randomUUID().toString(), OffsetDateTime.now(), "mentoring.kudos.v1", 0, 1, "k",
                    Webhooks.kudosData(UUID.randomUUID()), Map.of(), mapper));
            assertEquals(2, queued(sameOwner));
            assertEquals(1, queued(otherOwner));
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private UUID subscription(String owner, boolean active) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO webhook_subscription (id, owner, url, event_types, active, secret, created_at,"
                        + " secret_rotated_at) VALUES (:id, :owner, 'https://hooks.example.com/in', '*', :active,"
                        + " 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdA==', now(), now())")
                .setParameter("id", id).setParameter("owner", owner).setParameter("active", active).executeUpdate();
        return id;
    }

    private long queued(UUID subscription) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM webhook_delivery WHERE subscription_id = :s")
                .setParameter("s", subscription).getSingleResult()).longValue();
    }
}
