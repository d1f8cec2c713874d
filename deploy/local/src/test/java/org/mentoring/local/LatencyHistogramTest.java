package org.mentoring.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinTwoPercentOfTheExactOnes() {
        LatencyHistogram h = new LatencyHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            h.record(ms * 1_000_000L);
        }
        assertEquals(1000, h.count());
        assertWithin(500, h.percentileMillis(0.5));
        assertWithin(990, h.percentileMillis(0.99));
        assertEquals(1000.0, h.maxMillis());
    }

    @Test
    void aPercentileNeverExceedsTheLargestLatencySeen() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(7_300_000L);
        assertEquals(7.3, h.percentileMillis(0.99), 1e-9);
    }

    @Test
    void addingMergesCountsAndMaximum() {
        LatencyHistogram fast = new LatencyHistogram();
        LatencyHistogram slow = new LatencyHistogram();
        for (int i = 0; i < 99; i++) {
            fast.record(2_000_000L);
        }
        slow.record(3_000_000_000L);
        fast.add(slow);
        assertEquals(100, fast.count());
        assertWithin(2, fast.percentileMillis(0.5));
        assertEquals(3000.0, fast.percentileMillis(1.0));
    }

    @Test
    void anEmptyHistogramHasNoPercentile() {
        assertTrue(Double.isNaN(new LatencyHistogram().percentileMillis(0.5)));
    }

    private static void assertWithin(double expected, double actual) {
        assertTrue(Math.abs(actual - expected) <= expected * 0.02, "expected about " + expected + " but was " + actual);
    }
}
