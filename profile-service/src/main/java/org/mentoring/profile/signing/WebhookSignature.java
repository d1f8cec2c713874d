package org.mentoring.profile.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures, used both by the inbound HRIS edge and by outbound webhooks: {@code v1,} followed by the base64 HMAC-SHA256 of {@code id.timestamp.body},
 * keyed with the base64-decoded part of a {@code whsec_} secret. A header may carry several space-separated
 * signatures (during a rotation); one match is enough. See https://www.standardwebhooks.com/.
 */
public final class WebhookSignature {

    public static final String SECRET_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: {@code whsec_} and 32 random bytes in base64. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    public static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    public static String sign(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * The {@code webhook-signature} header for a delivery: one {@code v1,<signature>} per key, space-separated, so a
     * receiver still holding a previous secret verifies during a rotation.
     */
    public static String header(List<byte[]> keys, String id, String timestamp, byte[] body) {
        StringBuilder header = new StringBuilder();
        for (byte[] key : keys) {
            if (!header.isEmpty()) {
                header.append(' ');
            }
            header.append("v1,").append(sign(key, id, timestamp, body));
        }
        return header.toString();
    }

    /** Whether any {@code v1} signature of the header matches the body under any of the keys, in constant time. */
    public static boolean verify(List<byte[]> keys, String id, String timestamp, byte[] body, String header) {
        if (header == null || id == null || timestamp == null) {
            return false;
        }
        boolean matched = false;
        for (byte[] key : keys) {
            byte[] expected = sign(key, id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
            for (String candidate : header.trim().split(" +")) {
                int comma = candidate.indexOf(',');
                if (comma < 0 || !"v1".equals(candidate.substring(0, comma))) {
                    continue;
                }
                byte[] given = candidate.substring(comma + 1).getBytes(StandardCharsets.US_ASCII);
                matched |= MessageDigest.isEqual(expected, given);
            }
        }
        return matched;
    }
}
