package org.mentoring.profile.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;

/**
 * The secret an HRIS integration's webhooks are verified with, or a webhook subscription's deliveries signed with,
 * and the secrets rotations replaced that still count ({@link RetiredSecrets}). Both tables hold it in the same four
 * columns; the secrets are sealed there.
 */
@Embeddable
public class SigningSecrets {

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
    @Column(name = "secret_rotated_at")
    public Instant secretRotatedAt;

    /** A new secret, made at {@code now}. */
    public static SigningSecrets fresh(Instant now) {
        SigningSecrets s = new SigningSecrets();
        s.secret = WebhookSignature.newSecret();
        s.secretRotatedAt = now;
        return s;
    }

    /** The keys that count right now: the current secret's, then those of the replaced secrets still valid. */
    public List<byte[]> keys(Instant now) {
        List<byte[]> keys = new ArrayList<>();
        keys.add(WebhookSignature.key(secret));
        for (RetiredSecrets.Retired r : RetiredSecrets.valid(previousSecret, previousSecretExpires, now)) {
            keys.add(WebhookSignature.key(r.secret()));
        }
        return keys;
    }

    /** A new secret; the current one still counts until {@code until}, as do those replaced before, to theirs. */
    public void rotate(Instant until, Instant now) {
        RetiredSecrets.Stored retired = RetiredSecrets.retire(previousSecret, previousSecretExpires, secret, until, now);
        previousSecret = retired.value();
        previousSecretExpires = retired.lastValidUntil();
        secret = WebhookSignature.newSecret();
        secretRotatedAt = now;
    }

    /** When the last replaced secret still valid at {@code now} stops counting; null if none is. */
    public Instant previousValidUntil(Instant now) {
        return RetiredSecrets.lastValidUntil(previousSecret, previousSecretExpires, now);
    }
}
