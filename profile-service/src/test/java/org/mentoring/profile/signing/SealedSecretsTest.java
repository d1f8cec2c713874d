package org.mentoring.profile.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class SealedSecretsTest {

    private static final String KEY_A = Base64.getEncoder().encodeToString(
            "thirty-two bytes of test key A!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private static final String KEY_B = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void aSealedSecretOpensToItselfAndShowsNothingOfIt() {
        SealedSecrets keys = SealedSecrets.parse("a:" + KEY_A);
        String secret = WebhookSignature.newSecret();
        String sealed = keys.seal(secret);
        assertTrue(sealed.startsWith("sealed:v1:a:"), sealed);
        assertFalse(sealed.contains(secret.substring("whsec_".length(), 20)), "no part of the secret in the clear");
        assertEquals(secret, keys.open(sealed));
        assertNotEquals(sealed, keys.seal(secret), "a fresh nonce each time");
        assertTrue(keys.isSealedUnderCurrentKey(sealed));
    }

    @Test
    void aSecretStoredBeforeSealingReadsAsItself() {
        SealedSecrets keys = SealedSecrets.parse("a:" + KEY_A);
        String secret = WebhookSignature.newSecret();
        assertEquals(secret, keys.open(secret));
        assertFalse(keys.isSealedUnderCurrentKey(secret));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> keys.open("not a secret"));
        assertTrue(e.getMessage().contains("neither sealed nor a whsec_ secret"), e.getMessage());
    }

    @Test
    void anAlteredValueOrAnotherKeyUnderTheSameIdDoesNotOpen() {
        SealedSecrets keys = SealedSecrets.parse("a:" + KEY_A);
        String sealed = keys.seal(WebhookSignature.newSecret());
        int last = sealed.length() - 1;
        String altered = sealed.substring(0, last) + (sealed.charAt(last) == 'A' ? 'B' : 'A');
        assertThrows(IllegalStateException.class, () -> keys.open(altered));
        IllegalStateException wrongKey = assertThrows(IllegalStateException.class,
                () -> SealedSecrets.parse("a:" + KEY_B).open(sealed));
        assertTrue(wrongKey.getMessage().contains("key 'a'") && !wrongKey.getMessage().contains(KEY_A),
                wrongKey.getMessage());
    }

    @Test
    void afterARotationTheNewKeySealsAndTheOldStillOpensUntilItIsDropped() {
        String secret = WebhookSignature.newSecret();
        String underOld = SealedSecrets.parse("old:" + KEY_A).seal(secret);
        SealedSecrets rotated = SealedSecrets.parse("new:" + KEY_B + ", old:" + KEY_A);
        assertEquals("new", rotated.currentKeyId());
        assertEquals(secret, rotated.open(underOld));
        assertFalse(rotated.isSealedUnderCurrentKey(underOld));
        assertTrue(rotated.seal(secret).startsWith("sealed:v1:new:"));
        IllegalStateException dropped = assertThrows(IllegalStateException.class,
                () -> SealedSecrets.parse("new:" + KEY_B).open(underOld));
        assertTrue(dropped.getMessage().contains("sealed under key 'old', which MENTORING_SECRETS_KEYS does not hold"),
                dropped.getMessage());
    }

    @Test
    void badKeyConfigurationIsRefusedWithAReasonAndNoKeyMaterial() {
        assertMessage(null, "no key");
        assertMessage(" ", "no key");
        assertMessage(KEY_A, "not in the form <id>:<base64 key>");
        assertMessage("a b:" + KEY_A, "the id must be");
        assertMessage("a:not*base64", "key 'a' is not valid base64");
        assertMessage("a:" + Base64.getEncoder().encodeToString(new byte[16]), "key 'a' has 16 bytes; it needs 32");
        assertMessage("a:" + KEY_A + ",a:" + KEY_B, "key id 'a' appears twice");
    }

    private static void assertMessage(String configured, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SealedSecrets.parse(configured));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains(KEY_A) || e.getMessage().contains(KEY_B), e.getMessage());
    }
}
