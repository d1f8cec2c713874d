package org.mentoring.profile.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;

class DirectoryCardCacheRulesTest {

    private static DirectoryCardCache cache(long maxBytes) {
        DirectoryCardCache cache = new DirectoryCardCache();
        cache.maxBytes = new MemorySize(java.math.BigInteger.valueOf(maxBytes));
        cache.metrics = new SimpleMeterRegistry();
        cache.init();
        cache.live(true);
        return cache;
    }

    /** Keeps a card read just now, with no change announced while it was read. */
    private static void keepFresh(DirectoryCardCache cache, UUID id, String text) {
        cache.keep(id, cache.ticket(id), card(text));
    }

    private static DirectoryCardCache.Card card(String text) {
        return new DirectoryCardCache.Card(text.getBytes(StandardCharsets.UTF_8), "E1", "a@example.com");
    }

    @Test
    void aCardReadBeforeAChangeWasAnnouncedIsNotKept() {
        DirectoryCardCache cache = cache(100_000);
        UUID id = UUID.randomUUID();
        long ticket = cache.ticket(id);
        // the database read happens here; meanwhile the profile changes and the change is announced
        cache.changed(id);
        cache.keep(id, ticket, card("old"));
        assertNull(cache.get(id), "a card read before the change would outlive it");

        long fresh = cache.ticket(id);
        cache.keep(id, fresh, card("new"));
        assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), cache.get(id).json());
    }

    @Test
    void forgettingEverythingAlsoRefusesReadsThatStartedBefore() {
        DirectoryCardCache cache = cache(100_000);
        UUID kept = UUID.randomUUID();
        UUID inFlight = UUID.randomUUID();
        keepFresh(cache, kept, "a");
        long ticket = cache.ticket(inFlight);
        cache.changedAll();
        cache.keep(inFlight, ticket, card("b"));
        assertNull(cache.get(kept));
        assertNull(cache.get(inFlight));
    }

    @Test
    void whileChangesAreNotHeardNothingIsKeptOrServed() {
        DirectoryCardCache cache = cache(100_000);
        UUID id = UUID.randomUUID();
        keepFresh(cache, id, "a");
        assertNotNull(cache.get(id));
        long ticket = cache.ticket(id);
        cache.live(false);
        assertNull(cache.get(id));
        keepFresh(cache, id, "b");
        cache.live(true);
        assertNull(cache.get(id), "nothing from before the connection was lost survives it");
        cache.keep(id, ticket, card("c"));
        assertNull(cache.get(id), "a read that began before listening resumed is not kept");
    }

    @Test
    void aFullCacheMakesRoomAndNeverGrowsPastItsBound() {
        DirectoryCardCache cache = cache(100_000);
        long weight = card("x0000").weight();
        for (int i = 0; i < 10_000; i++) {
            UUID id = UUID.randomUUID();
            keepFresh(cache, id, "x%04d".formatted(i % 10_000));
            assertNotNull(cache.get(id), "the newest card is kept");
            assertTrue(cache.bytes() <= 100_000, "over the bound: " + cache.bytes());
        }
        assertEquals(100_000 / weight, cache.size());
        assertEquals(cache.size() * weight, cache.bytes());
        // large cards (a long bio, many skills) count for what they take
        UUID big = UUID.randomUUID();
        keepFresh(cache, big, "y".repeat(50_000));
        assertNotNull(cache.get(big));
        assertTrue(cache.bytes() <= 100_000);
        cache.changedAll();
        assertEquals(0, cache.size());
        assertEquals(0, cache.bytes());
    }

    @Test
    void replacingAndDroppingACardKeepsTheCountOfBytesExact() {
        DirectoryCardCache cache = cache(100_000);
        UUID id = UUID.randomUUID();
        keepFresh(cache, id, "short");
        keepFresh(cache, id, "a little longer");
        assertEquals(card("a little longer").weight(), cache.bytes());
        cache.changed(id);
        assertEquals(0, cache.bytes());
    }

    @Test
    void zeroBytesTurnsItOffAndACardLargerThanTheBoundIsNotKept() {
        DirectoryCardCache cache = cache(0);
        UUID id = UUID.randomUUID();
        keepFresh(cache, id, "a");
        assertNull(cache.get(id));
        assertEquals(0, cache.size());

        DirectoryCardCache small = cache(1_000);
        keepFresh(small, id, "z".repeat(2_000));
        assertNull(small.get(id));
        assertEquals(0, small.bytes());
    }

    @Test
    void announcementsAreReadAsIdsOrEverything() {
        ProfileChangeListener listener = new ProfileChangeListener();
        listener.cache = cache(100_000);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        for (UUID id : new UUID[] {a, b, c}) {
            keepFresh(listener.cache, id, id.toString());
        }
        listener.apply(a + "," + b);
        assertNull(listener.cache.get(a));
        assertNull(listener.cache.get(b));
        assertNotNull(listener.cache.get(c));
        listener.apply("*");
        assertNull(listener.cache.get(c));
        keepFresh(listener.cache, c, "c");
        listener.apply("not-an-id");
        assertNull(listener.cache.get(c), "an announcement it cannot read forgets everything");
    }
}
