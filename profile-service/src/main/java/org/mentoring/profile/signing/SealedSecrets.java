package org.mentoring.profile.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing secrets as they rest in the database: sealed with AES-256-GCM under the service's own keys, so that a copy
 * of the database (a backup, a replica, a dump sent for support) does not hand out the secrets that HRIS systems sign
 * with and that outbound webhooks are signed with. A sealed value reads {@code sealed:v1:<key id>:<base64url of
 * nonce, ciphertext and tag>}; the key id says which key opens it, so keys can be rotated (see
 * {@link #parse}). A value stored before sealing existed is a plain {@code whsec_} secret and reads as itself until
 * it is sealed at startup (see {@link SecretResealing}).
 */
public final class SealedSecrets {

    static final String PREFIX = "sealed:v1:";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /**
     * Binds each ciphertext to this use, should the keys ever seal anything else. (Not to its row: whoever can write
     * the tables can replace a secret outright, sealed or not.)
     */
    private static final byte[] PURPOSE = "mentoring signing secret".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LOST_KEY = " (docs/operations.md, 'If a sealing key is lost')";

    private final String currentId;
    private final Map<String, SecretKeySpec> keys;

    private SealedSecrets(String currentId, Map<String, SecretKeySpec> keys) {
        this.currentId = currentId;
        this.keys = keys;
    }

    /**
     * The keys from their configured form: comma-separated {@code <id>:<base64 of 32 random bytes>}. The first seals;
     * all of them open. To rotate, put a new key first, restart (values sealed under the others are sealed again under
     * it, see {@link SecretResealing}), then drop the old one.
     *
     * @throws IllegalArgumentException naming what is wrong, never echoing key material
     */
    public static SealedSecrets parse(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("no key: set MENTORING_SECRETS_KEYS to "
                    + "<id>:<base64 of 32 random bytes>, for instance 'k1:' followed by the output of "
                    + "'openssl rand -base64 32'");
        }
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        String first = null;
        int position = 0;
        for (String entry : configured.split(",")) {
            position++;
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("key " + position + " is not in the form <id>:<base64 key>");
            }
            String id = trimmed.substring(0, colon);
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("key " + position
                        + ": the id must be 1 to 40 letters, digits, '.', '_' or '-'");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key '" + id + "' is not valid base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("key '" + id + "' has " + key.length
                        + " bytes; it needs 32 (AES-256)");
            }
            if (keys.putIfAbsent(id, new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalArgumentException("key id '" + id + "' appears twice");
            }
            if (first == null) {
                first = id;
            }
        }
        return new SealedSecrets(first, Map.copyOf(keys));
    }

    /** The id of the key that seals. */
    public String currentKeyId() {
        return currentId;
    }

    /** {@code plain} sealed under the current key, with a fresh nonce. */
    public String seal(String plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(PURPOSE);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + currentId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The plain secret of a stored value: opened if sealed, as it is if it predates sealing.
     *
     * @throws IllegalStateException if it is sealed under a key this service does not hold, or was altered
     */
    public String open(String stored) {
        if (!isSealed(stored)) {
            if (stored.startsWith(WebhookSignature.SECRET_PREFIX)) {
                return stored;
            }
            throw new IllegalStateException("a stored signing secret is neither sealed nor a whsec_ secret");
        }
        int colon = stored.indexOf(':', PREFIX.length());
        String id = colon < 0 ? "" : stored.substring(PREFIX.length(), colon);
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("a stored signing secret is sealed under key '" + id
                    + "', which MENTORING_SECRETS_KEYS does not hold" + LOST_KEY);
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(PURPOSE);
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored signing secret sealed under key '" + id + "' does not open: "
                    + "it was altered, or the key with that id is not the one that sealed it" + LOST_KEY);
        }
    }

    /** Whether a stored value is sealed under the current key (if not, startup seals it again). */
    public boolean isSealedUnderCurrentKey(String stored) {
        return stored.startsWith(PREFIX + currentId + ":");
    }

    static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }
}
