package org.mentoring.profile.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.mentoring.profile.signing.SigningSecrets;

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
    /** The profile the owner's token linked to when they made it, if any (for erasure and export). */
    @Column(name = "owner_profile_id")
    public UUID ownerProfileId;
    public String url;
    @Column(name = "event_types")
    public String eventTypes;
    public String description;
    public boolean active;
    @Column(name = "disabled_reason")
    public String disabledReason;
    @Column(name = "disabled_at")
    public Instant disabledAt;
    @Embedded
    public SigningSecrets secrets;
    @Column(name = "created_at")
    public Instant createdAt;

    public EventTypeFilter filter() {
        return EventTypeFilter.fromStored(eventTypes);
    }
}
