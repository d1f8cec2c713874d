package org.mentoring.profile.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class DirectoryCardCacheRulesTest {

    private static DirectoryCardCache cache(long maxEntries) {
        DirectoryCardCache cache = new DirectoryCardCache();
        cache.maxEntries = maxEntries;
        cache.metrics = new SimpleMeterRegistry();
        cache.init();
        cache.live(true);
        return cache;
    }

    private static DirectoryCardCache.Card card(String text) {
        return new DirectoryCardCache.Card(text.getBytes(StandardCharsets.UTF_8), "E1", "a@example.com");
    }

    @Test
    void aCardReadBeforeAChangeWasAnnouncedIsNotKept() {
        DirectoryCardCache cache = cache(10);
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
        DirectoryCardCache cache = cache(10);
        UUID kept = UUID.randomUUID();
        UUID inFlight = UUID.randomUUID();
        cache.keep(kept, cache.ticket(kept), card("a"));
        long ticket = cache.ticket(inFlight);
        cache.changedAll();
        cache.keep(inFlight, ticket, card("b"));
        assertNull(cache.get(kept));
        assertNull(cache.get(inFlight));
    }

    @Test
    void whileChangesAreNotHeardNothingIsKeptOrServed() {
        DirectoryCardCache cache = cache(10);
        UUID id = UUID.randomUUID();
        cache.keep(id, cache.ticket(id), card("a"));
        assertNotNull(cache.get(id));
        long ticket = cache.ticket(id);
        cache.live(false);
        assertNull(cache.get(id));
        cache.keep(id, cache.ticket(id), card("b"));
        cache.live(true);
        assertNull(cache.get(id), "nothing from before the connection was lost survives it");
        cache.keep(id, ticket, card("c"));
        assertNull(cache.get(id), "a read that began before listening resumed is not kept");
    }

    @Test
    void aFullCacheMakesRoomAndNeverGrowsPastItsBound() {
        DirectoryCardCache cache = cache(100);
        for (int i = 0; i < 1000; i++) {
            UUID id = UUID.randomUUID();
            cache.keep(id, cache.ticket(id), card("x" + i));
            assertNotNull(cache.get(id), "the newest card is kept");
        }
        assertEquals(100, cache.size());
    }

    @Test
    void zeroEntriesTurnsItOff() {
        DirectoryCardCache cache = cache(0);
        UUID id = UUID.randomUUID();
        cache.keep(id, cache.ticket(id), card("a"));
        assertNull(cache.get(id));
        assertEquals(0, cache.size());
    }

    @Test
    void announcementsAreReadAsIdsOrEverything() {
        ProfileChangeListener listener = new ProfileChangeListener();
        listener.cache = cache(10);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        for (UUID id : new UUID[] {a, b, c}) {
            listener.cache.keep(id, listener.cache.ticket(id), card(id.toString()));
        }
        listener.apply(a + "," + b);
        assertNull(listener.cache.get(a));
        assertNull(listener.cache.get(b));
        assertNotNull(listener.cache.get(c));
        listener.apply("*");
        assertNull(listener.cache.get(c));
        listener.cache.keep(c, listener.cache.ticket(c), card("c"));
        listener.apply("not-an-id");
        assertNull(listener.cache.get(c), "an announcement it cannot read forgets everything");
    }
}
