package org.mentoring.profile.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.mentoring.profile.profile.ProfileView;

/**
 * Everything profile-service holds about one person, as they may ask for it: the profile, where its HR data came
 * from, the HRIS deliveries and import errors about them, the webhook subscribers their profile events went to, and
 * the webhook subscriptions they made themselves.
 */
public record PersonalDataExport(Instant exportedAt, ProfileView profile, Source source, List<HrisRecord> hrisEvents,
                                 List<ImportError> importErrors, List<Recipient> recipients,
                                 List<OwnSubscription> ownSubscriptions) {

    /** Where the HR-owned fields came from: the HRIS integration that last wrote them, and as of when. */
    public record Source(UUID hrisIntegrationId, String hrisIntegrationName, Instant hrisEffectiveAt,
                         String managerExternalId) {
    }

    /** An HRIS webhook received about the person, with its body as sent. */
    public record HrisRecord(String webhookId, Instant receivedAt, String type, Instant effectiveAt, String outcome,
                             JsonNode body) {
    }

    /** A row about the person that an import refused, and why. */
    public record ImportError(UUID importId, Instant importedAt, int line, String field, String message) {
    }

    /**
     * A webhook subscriber that was sent the person's profile events: the subscription, the host it delivers to (not
     * the whole URL, which may hold the subscriber's credentials) and its description, how many, and when last.
     */
    public record Recipient(UUID subscriptionId, String host, String description, long deliveries, Instant lastSentAt) {
    }

    /**
     * A webhook subscription the person made (its owner is their token's subject, their employee id or email, as
     * erasure finds it): the host it delivers to, its description, and when it was made.
     */
    public record OwnSubscription(UUID subscriptionId, String host, String description, Instant createdAt) {
    }
}
