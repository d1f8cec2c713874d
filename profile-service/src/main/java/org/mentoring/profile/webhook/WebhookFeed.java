package org.mentoring.profile.webhook;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.mentoring.platform.events.EventHandler;
import org.mentoring.platform.events.ReceivedEvent;
import org.mentoring.profile.events.ProfileEvents;
import org.mentoring.profile.privacy.ErasedEmployees;

/**
 * Turns every public event into deliveries for the active subscriptions that want its type. Runs in the consumer's
 * inbox transaction, so an event is queued once per subscription even when Kafka hands it over twice.
 */
@ApplicationScoped
public class WebhookFeed implements EventHandler {

    /** Every public topic of docs/asyncapi.yaml. */
    static final Set<String> TOPICS = Set.of("mentoring.profile.v1", "mentoring.mentorship.v1", "mentoring.program.v1",
            "mentoring.session.v1", "mentoring.goal.v1", "mentoring.feedback.v1", "mentoring.kudos.v1",
            "mentoring.mentor-quality.v1", WebhookEvents.TOPIC);

    @Inject
    EntityManager em;

    @Inject
    DeliveryQueue queue;

    @Inject
    ErasedEmployees erasedEmployees;

    @Override
    public Set<String> topics() {
        return TOPICS;
    }

    @Override
    public boolean handles(String type) {
        return !WebhookEvents.PING.equals(type);
    }

    @Override
    public void apply(ReceivedEvent event) {
        // Read as the three columns routing needs, not as subscriptions with their secrets: one secret this service
        // cannot open (sealed under a key it lacks) must not stop every subscriber's events.
        @SuppressWarnings("unchecked")
        List<Object[]> subscriptions = em.createNativeQuery(
                "SELECT id, event_types, owner FROM webhook_subscription WHERE active").getResultList();
        // That a subscription was disabled, and why, is its owner's business: only their other subscriptions hear it.
        String ownerOnly = null;
        if (WebhookEvents.SUBSCRIPTION_DISABLED.equals(event.type())) {
            ownerOnly = ownerOf(event.subject());
            if (ownerOnly == null) {
                return;
            }
        }
        String body = null;
        for (Object[] subscription : subscriptions) {
            if (!EventTypeFilter.fromStored((String) subscription[1]).matches(event.type())
                    || (ownerOnly != null && !ownerOnly.equals(subscription[2]))) {
                continue;
            }
            if (body == null) {
                if (aboutAnErasedPerson(event)) {
                    // Published before the erasure, consumed after it: its data must not reach subscribers any more.
                    return;
                }
                body = WebhookEvents.structured(event.id(), event.type(), event.source(), event.subject(),
                        event.time(), event.data());
            }
            queue.enqueue((UUID) subscription[0], event.id(), event.type(), event.subject(), body);
        }
    }

    /** The owner of a subscription by its id, or null when there is none (deleted since). */
    private String ownerOf(String subscriptionId) {
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(subscriptionId));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return (String) em.createNativeQuery("SELECT owner FROM webhook_subscription WHERE id = :id")
                .setParameter("id", id).getResultStream().findFirst().orElse(null);
    }

    private boolean aboutAnErasedPerson(ReceivedEvent event) {
        if (!event.type().startsWith("mentoring.profile.") || ProfileEvents.ERASED.equals(event.type())
                || event.subject() == null) {
            return false;
        }
        UUID id;
        try {
            id = UUID.fromString(event.subject());
        } catch (IllegalArgumentException e) {
            return false;
        }
        // Waits for an erasure of this profile in progress, then reads what it committed.
        erasedEmployees.lockProfileShared(id);
        return em.createNativeQuery("SELECT status FROM profile WHERE id = :id")
                .setParameter("id", id).getResultList().contains("erased");
    }
}
