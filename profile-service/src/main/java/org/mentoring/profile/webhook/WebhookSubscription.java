package org.mentoring.profile.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.mentoring.profile.signing.SealedSecretConverter;
import org.mentoring.profile.signing.RetiredSecrets;
import org.mentoring.profile.signing.WebhookSignature;

/** An integrator's wish to receive some event types at a URL, with the secret the deliveries are signed with. */
@Entity
@Table(name = "webhook_subscription")
// An update writes only the columns it changed: a replacement of the URL or event types, read before a rotation
// committed, must not write the old secrets back over the rotation's.
@DynamicUpdate
public class WebhookSubscription {

    @Id
    public UUID id;
    /** The subject of the caller who created it; integration callers see only their own subscriptions. */
    public String owner;
    public String url;
    @Column(name = "event_types")
    public String eventTypes;
    public String description;
    public boolean active;
    @Column(name = "disabled_reason")
    public String disabledReason;
    @Column(name = "disabled_at")
    public Instant disabledAt;
    /** The plain {@code whsec_} secret; sealed in the database. */
    @Convert(converter = SealedSecretConverter.class)
    public String secret;
    /** The secrets rotations replaced, each signing for the grace period after ({@link RetiredSecrets}); sealed. */
    @Column(name = "previous_secret")
    @Convert(converter = SealedSecretConverter.class)
    public String previousSecret;
    /** When the last of {@link #previousSecret} stops signing. */
    @Column(name = "previous_secret_expires")
    public Instant previousSecretExpires;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "secret_rotated_at")
    public Instant secretRotatedAt;

    public EventTypeFilter filter() {
        return EventTypeFilter.fromStored(eventTypes);
    }

    /**
     * The keys a delivery is signed with right now: the current secret and, during a rotation, those it replaced
     * within the grace period.
     */
    public List<byte[]> signingKeys(Instant now) {
        List<byte[]> keys = new ArrayList<>();
        keys.add(WebhookSignature.key(secret));
        for (RetiredSecrets.Retired r : RetiredSecrets.valid(previousSecret, previousSecretExpires, now)) {
            keys.add(WebhookSignature.key(r.secret()));
        }
        return keys;
    }

    /** A new secret; the current one still signs until {@code until}, as do those replaced before, to theirs. */
    public void rotate(String newSecret, Instant until, Instant now) {
        RetiredSecrets.Stored retired = RetiredSecrets.retire(previousSecret, previousSecretExpires, secret, until, now);
        previousSecret = retired.value();
        previousSecretExpires = retired.lastValidUntil();
        secret = newSecret;
        secretRotatedAt = now;
    }
}
