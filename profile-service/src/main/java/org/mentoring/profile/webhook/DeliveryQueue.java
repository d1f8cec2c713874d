package org.mentoring.profile.webhook;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Writes deliveries: one row per (subscription, event), so an event seen twice is queued once. */
@ApplicationScoped
public class DeliveryQueue {

    @Inject
    EntityManager em;

    /** Queues the event for the subscription in the caller's transaction; false when it was queued already. */
    public boolean enqueue(UUID subscriptionId, String eventId, String eventType, String subject, String body) {
        return em.createNativeQuery("INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, subject, "
                        + "body, status, next_attempt_at) VALUES (:id, :s, :e, :t, :subject, :b, 'pending', now()) "
                        + "ON CONFLICT (subscription_id, event_id) DO NOTHING")
                .setParameter("id", UUID.randomUUID()).setParameter("s", subscriptionId)
                .setParameter("e", eventId).setParameter("t", eventType).setParameter("subject", subject)
                .setParameter("b", body)
                .executeUpdate() == 1;
    }

    /**
     * The SQL condition "delivery {@code alias} is of an event about {@code :subject}": by the subject column, or for
     * deliveries queued before it existed, by the subject in their body.
     */
    public static String aboutSubject(String alias) {
        return "(" + alias + ".subject = :subject OR (" + alias + ".subject IS NULL AND strpos(" + alias
                + ".body, :subject) > 0 AND (" + alias + ".body::jsonb ->> 'subject') = :subject))";
    }
}
