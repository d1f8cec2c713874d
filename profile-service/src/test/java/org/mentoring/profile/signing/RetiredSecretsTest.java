package org.mentoring.profile.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetiredSecretsTest {

    private static final Instant T0 = Instant.parse("2026-01-31T09:00:00Z");
    private static final Duration GRACE = Duration.ofHours(24);

    private static List<String> secrets(String stored, Instant legacyUntil, Instant now) {
        return RetiredSecrets.valid(stored, legacyUntil, now).stream().map(RetiredSecrets.Retired::secret).toList();
    }

    @Test
    void eachReplacedSecretLastsItsOwnGracePeriod() {
        String stored = RetiredSecrets.retire(null, null, "whsec_A", T0.plus(GRACE), T0);
        Instant later = T0.plus(Duration.ofHours(3));
        stored = RetiredSecrets.retire(stored, null, "whsec_B", later.plus(GRACE), later);
        assertEquals(List.of("whsec_B", "whsec_A"), secrets(stored, null, later));
        assertEquals(later.plus(GRACE), RetiredSecrets.lastValidUntil(stored, null, later));
        // A's deadline passes first, then B's.
        assertEquals(List.of("whsec_B"), secrets(stored, null, T0.plus(GRACE)));
        assertEquals(List.of(), secrets(stored, null, later.plus(GRACE)));
        assertNull(RetiredSecrets.lastValidUntil(stored, null, later.plus(GRACE)));
    }

    @Test
    void expiredSecretsAreDroppedAndAtMostFiveAreKept() {
        String stored = RetiredSecrets.retire(null, null, "whsec_old", T0.plus(Duration.ofMinutes(1)), T0);
        Instant now = T0.plus(Duration.ofMinutes(2));
        for (int i = 1; i <= 7; i++) {
            stored = RetiredSecrets.retire(stored, null, "whsec_" + i, now.plus(GRACE), now);
        }
        assertEquals(List.of("whsec_7", "whsec_6", "whsec_5", "whsec_4", "whsec_3"), secrets(stored, null, now));
    }

    @Test
    void aSecretStoredInTheEarlierFormLastsUntilTheRowsDeadline() {
        Instant until = T0.plus(GRACE);
        assertEquals(List.of("whsec_legacy"), secrets("whsec_legacy", until, T0));
        assertEquals(List.of(), secrets("whsec_legacy", until, until));
        assertEquals(List.of(), secrets("whsec_legacy", null, T0));
        String stored = RetiredSecrets.retire("whsec_legacy", until, "whsec_current", T0.plus(GRACE), T0.plus(Duration.ofHours(1)));
        assertEquals(List.of("whsec_current", "whsec_legacy"), secrets(stored, null, T0.plus(Duration.ofHours(1))));
    }
}
