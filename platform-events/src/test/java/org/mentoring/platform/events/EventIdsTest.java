package org.mentoring.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    private static final long NOW = 1_795_000_000_000L;

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecond() {
        UUID id = new EventIds(() -> NOW).mint();
        assertEquals(7, id.version());
        assertEquals(2, id.variant(), "the RFC 9562 variant");
        assertEquals(NOW, id.getMostSignificantBits() >>> 16, "the first 48 bits are the Unix time in milliseconds");
    }

    @Test
    void idsMintedInOneMillisecondAreDistinctAndInOrderEvenPastTheCounter() {
        EventIds ids = new EventIds(() -> NOW);
        List<UUID> minted = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            minted.add(ids.mint());
        }
        assertEquals(minted.size(), new HashSet<>(minted).size());
        assertEquals(minted.stream().map(UUID::toString).sorted().toList(), minted.stream().map(UUID::toString).toList());
        long last = minted.get(minted.size() - 1).getMostSignificantBits() >>> 16;
        assertTrue(last > NOW && last <= NOW + 3, "a full counter borrows the following milliseconds: " + (last - NOW));
    }

    @Test
    void aClockSteppingBackDoesNotBreakTheOrder() {
        AtomicLong clock = new AtomicLong(NOW);
        EventIds ids = new EventIds(clock::get);
        UUID before = ids.mint();
        clock.set(NOW - 60_000);
        UUID after = ids.mint();
        assertTrue(after.toString().compareTo(before.toString()) > 0, before + " then " + after);
        clock.set(NOW + 1);
        assertEquals(NOW + 1, ids.mint().getMostSignificantBits() >>> 16, "the clock is followed again once it passes");
    }
}
