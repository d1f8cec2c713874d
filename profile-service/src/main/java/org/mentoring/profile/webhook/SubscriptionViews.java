package org.mentoring.profile.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What the subscription API reads and writes. The secret appears only in answers to create and rotate. */
public final class SubscriptionViews {

    private SubscriptionViews() {
    }

    /** A new subscription, or the whole new state of one (PUT). {@code active} defaults to true. */
    public record SubscriptionRequest(
            @NotBlank @Size(max = 2000) String url,
            @NotNull @NotEmpty @Size(max = 50) List<String> eventTypes,
            @Size(max = 500) String description,
            Boolean active) {
    }

    public record SubscriptionView(UUID id, String url, List<String> eventTypes, String description, boolean active,
                                   String disabledReason, Instant disabledAt, Instant createdAt,
                                   Instant secretRotatedAt) {
        public static SubscriptionView of(WebhookSubscription s) {
            return new SubscriptionView(s.id, s.url, s.filter().patterns(), s.description, s.active, s.disabledReason,
                    s.disabledAt, s.createdAt, s.secrets.secretRotatedAt);
        }
    }

    /** Answer to create and rotate: the only time the signing secret is shown. */
    public record SubscriptionWithSecret(UUID id, String url, List<String> eventTypes, String description,
                                         boolean active, Instant createdAt, Instant secretRotatedAt, String secret,
                                         Instant previousSecretExpiresAt) {
        public static SubscriptionWithSecret of(WebhookSubscription s) {
            return new SubscriptionWithSecret(s.id, s.url, s.filter().patterns(), s.description, s.active,
                    s.createdAt, s.secrets.secretRotatedAt, s.secrets.secret, s.secrets.previousValidUntil(Instant.now()));
        }
    }

    public record SubscriptionPage(List<SubscriptionView> items, String nextCursor) {
    }

    public record AttemptView(Instant attemptedAt, Integer statusCode, int latencyMs, String error,
                              String responsePrefix) {
    }

    public record DeliveryView(UUID id, String eventId, String eventType, String status, int attempts,
                               Instant createdAt, Instant lastAttemptAt, Integer lastStatusCode, Integer lastLatencyMs,
                               String lastError, Instant nextAttemptAt, Instant deliveredAt,
                               List<AttemptView> attemptLog) {
    }

    public record DeliveryPage(List<DeliveryView> items, String nextCursor) {
    }

    public record Redelivery(int redelivered) {
    }
}
