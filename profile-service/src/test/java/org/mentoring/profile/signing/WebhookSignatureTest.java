package org.mentoring.profile.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    /** The example of the Standard Webhooks specification's reference libraries. */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String SPEC_TIMESTAMP = "1614265330";
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void matchesTheSpecificationsExample() {
        byte[] key = WebhookSignature.key(SPEC_SECRET);
        assertEquals(SPEC_SIGNATURE, WebhookSignature.sign(key, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
        assertTrue(WebhookSignature.verify(List.of(key), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, "v1," + SPEC_SIGNATURE));
    }

    @Test
    void anyOfSeveralSignaturesOrKeysMayMatch() {
        byte[] key = WebhookSignature.key(SPEC_SECRET);
        byte[] other = WebhookSignature.key(WebhookSignature.newSecret());
        String header = "v1,bm90IGl0 v1a,xyz v1," + SPEC_SIGNATURE;
        assertTrue(WebhookSignature.verify(List.of(other, key), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, header));
    }

    @Test
    void refusesWrongKeyBodyIdTimestampVersionOrMissingHeader() {
        byte[] key = WebhookSignature.key(SPEC_SECRET);
        String header = "v1," + SPEC_SIGNATURE;
        byte[] other = WebhookSignature.key(WebhookSignature.newSecret());
        assertFalse(WebhookSignature.verify(List.of(other), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, header));
        assertFalse(WebhookSignature.verify(List.of(key), SPEC_ID, SPEC_TIMESTAMP, "{}".getBytes(StandardCharsets.UTF_8), header));
        assertFalse(WebhookSignature.verify(List.of(key), "msg_other", SPEC_TIMESTAMP, SPEC_BODY, header));
        assertFalse(WebhookSignature.verify(List.of(key), SPEC_ID, "1614265331", SPEC_BODY, header));
        assertFalse(WebhookSignature.verify(List.of(key), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, "v2," + SPEC_SIGNATURE));
        assertFalse(WebhookSignature.verify(List.of(key), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, null));
        assertFalse(WebhookSignature.verify(List.of(key), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE));
    }

    @Test
    void newSecretsAreRandomAndCarryAtLeast24Bytes() {
        String a = WebhookSignature.newSecret();
        String b = WebhookSignature.newSecret();
        assertTrue(a.startsWith("whsec_"));
        assertNotEquals(a, b);
        assertTrue(Base64.getDecoder().decode(a.substring(6)).length >= 24);
    }
}
