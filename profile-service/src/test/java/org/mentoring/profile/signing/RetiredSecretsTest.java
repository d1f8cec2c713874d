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
        RetiredSecrets.Stored one = RetiredSecrets.retire(null, null, "whsec_A", T0.plus(GRACE), T0);
        // One replaced secret is stored as releases before this one stored it: alone, its deadline in the row.
        assertEquals(new RetiredSecrets.Stored("whsec_A", T0.plus(GRACE)), one);
        Instant later = T0.plus(Duration.ofHours(3));
        RetiredSecrets.Stored two = RetiredSecrets.retire(one.value(), one.lastValidUntil(), "whsec_B", later.plus(GRACE), later);
        assertEquals(later.plus(GRACE), two.lastValidUntil());
        assertEquals(List.of("whsec_B", "whsec_A"), secrets(two.value(), two.lastValidUntil(), later));
        assertEquals(later.plus(GRACE), RetiredSecrets.lastValidUntil(two.value(), two.lastValidUntil(), later));
        // A's deadline passes first, then B's.
        assertEquals(List.of("whsec_B"), secrets(two.value(), two.lastValidUntil(), T0.plus(GRACE)));
        assertEquals(List.of(), secrets(two.value(), two.lastValidUntil(), later.plus(GRACE)));
        assertNull(RetiredSecrets.lastValidUntil(two.value(), two.lastValidUntil(), later.plus(GRACE)));
    }

    @Test
    void expiredSecretsTakeNoPlaceAndAtMostFiveAreKept() {
        RetiredSecrets.Stored stored = RetiredSecrets.retire(null, null, "whsec_old", T0.plus(Duration.ofMinutes(1)), T0);
        Instant now = T0.plus(Duration.ofMinutes(2));
        for (int i = 1; i <= 4; i++) {
            stored = RetiredSecrets.retire(stored.value(), stored.lastValidUntil(), "whsec_" + i, now.plus(GRACE), now);
        }
        // The expired one is gone from what is stored, not merely filtered when read.
        assertEquals(4, RetiredSecrets.read(stored.value(), stored.lastValidUntil()).size());
        for (int i = 5; i <= 7; i++) {
            stored = RetiredSecrets.retire(stored.value(), stored.lastValidUntil(), "whsec_" + i, now.plus(GRACE), now);
        }
        assertEquals(List.of("whsec_7", "whsec_6", "whsec_5", "whsec_4", "whsec_3"),
                secrets(stored.value(), stored.lastValidUntil(), now));
        assertEquals(5, RetiredSecrets.read(stored.value(), stored.lastValidUntil()).size());
    }

    @Test
    void aSecretStoredInTheEarlierFormLastsUntilTheRowsDeadline() {
        Instant until = T0.plus(GRACE);
        assertEquals(List.of("whsec_legacy"), secrets("whsec_legacy", until, T0));
        assertEquals(List.of(), secrets("whsec_legacy", until, until));
        assertEquals(List.of(), secrets("whsec_legacy", null, T0));
        Instant now = T0.plus(Duration.ofHours(1));
        RetiredSecrets.Stored stored = RetiredSecrets.retire("whsec_legacy", until, "whsec_current", now.plus(GRACE), now);
        assertEquals(List.of("whsec_current", "whsec_legacy"), secrets(stored.value(), stored.lastValidUntil(), now));
    }
}
