package org.mentoring.profile.hris;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.mentoring.profile.signing.SealedSecretConverter;
import org.mentoring.profile.signing.RetiredSecrets;
import org.mentoring.profile.signing.WebhookSignature;

/** An HRIS system allowed to push employees in, with the secret its webhooks are signed with. */
@Entity
@Table(name = "hris_integration")
public class HrisIntegration {

    @Id
    public UUID id;
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(name = "field_mapping")
    public FieldMapping fieldMapping;
    /** The plain {@code whsec_} secret; sealed in the database. */
    @Convert(converter = SealedSecretConverter.class)
    public String secret;
    /** The secrets rotations replaced, each valid for the grace period after ({@link RetiredSecrets}); sealed. */
    @Column(name = "previous_secret")
    @Convert(converter = SealedSecretConverter.class)
    public String previousSecret;
    /** When the last of {@link #previousSecret} stops being valid. */
    @Column(name = "previous_secret_expires")
    public Instant previousSecretExpires;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "secret_rotated_at")
    public Instant secretRotatedAt;

    /** The keys a delivery may be signed with right now: the current secret and those replaced within the grace. */
    public List<byte[]> verificationKeys(Instant now) {
        List<byte[]> keys = new ArrayList<>();
        keys.add(WebhookSignature.key(secret));
        for (RetiredSecrets.Retired r : RetiredSecrets.valid(previousSecret, previousSecretExpires, now)) {
            keys.add(WebhookSignature.key(r.secret()));
        }
        return keys;
    }

    /** A new secret; the current one keeps verifying until {@code until}, as do those replaced before, to theirs. */
    public void rotate(String newSecret, Instant until, Instant now) {
        RetiredSecrets.Stored retired = RetiredSecrets.retire(previousSecret, previousSecretExpires, secret, until, now);
        previousSecret = retired.value();
        previousSecretExpires = retired.lastValidUntil();
        secret = newSecret;
        secretRotatedAt = now;
    }
}
