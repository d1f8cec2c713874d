package org.mentoring.profile.hris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ImportIndexesTest {

    @Test
    void aLineIndexKeepsTheFirstLineOfEachKeyAndGrowsPastItsSize() {
        LineIndex index = new LineIndex(10);
        for (int i = 0; i < 5000; i++) {
            assertEquals(0, index.putIfAbsent("E" + i, i + 2), "new key E" + i);
        }
        assertEquals(5000, index.size());
        for (int i = 0; i < 5000; i += 7) {
            assertEquals(i + 2, index.putIfAbsent("E" + i, 99_999), "the first line wins");
            assertEquals(i + 2, index.get("E" + i));
        }
        assertEquals(0, index.get("E5000"));
        assertEquals(0, index.get(""));
        // Keys whose hash codes are equal ("Aa" and "BB") are told apart.
        LineIndex clash = new LineIndex(2);
        assertEquals(0, clash.putIfAbsent("Aa", 1));
        assertEquals(0, clash.putIfAbsent("BB", 2));
        assertEquals(1, clash.get("Aa"));
        assertEquals(2, clash.get("BB"));
        Set<String> keys = new HashSet<>(index.keys());
        assertEquals(5000, keys.size());
        assertTrue(keys.contains("E0") && keys.contains("E4999"));
    }

    @Test
    void aDigestSetFindsExactlyTheDigestsAddedWhateverTheirNumber() throws Exception {
        DigestSet set = new DigestSet();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 20_000; i++) {
            set.add(sha.digest(("row " + i).getBytes(StandardCharsets.UTF_8)));
        }
        set.add(sha.digest("row 5".getBytes(StandardCharsets.UTF_8)));
        assertEquals(20_000, set.size(), "a digest added twice is held once");
        for (int i = 0; i < 20_000; i++) {
            assertTrue(set.contains(sha.digest(("row " + i).getBytes(StandardCharsets.UTF_8))), "row " + i);
            assertFalse(set.contains(sha.digest(("other " + i).getBytes(StandardCharsets.UTF_8))), "other " + i);
        }
        // Only the first 16 bytes count: a digest is stored as the import keeps it, truncated.
        byte[] full = sha.digest("row 7".getBytes(StandardCharsets.UTF_8));
        assertTrue(set.contains(java.util.Arrays.copyOf(full, 16)));
        full[16] ^= 1;
        assertTrue(set.contains(full));
        full[15] ^= 1;
        assertFalse(set.contains(full));
        assertFalse(new DigestSet().contains(new byte[16]), "an empty set holds nothing, not even zeros");
    }
}
