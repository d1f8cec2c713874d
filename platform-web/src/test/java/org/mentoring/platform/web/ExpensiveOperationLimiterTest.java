package org.mentoring.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExpensiveOperationLimiterTest {

    @Test
    void aBurstUpToTheRateThenOneTokenPerIntervalRefills() {
        ExpensiveOperationLimiter.Bucket bucket = new ExpensiveOperationLimiter.Bucket(6, 0);
        for (int i = 0; i < 6; i++) {
            assertEquals(0, bucket.take(6, 0), "token " + i + " of the burst");
        }
        long wait = bucket.take(6, 0);
        assertEquals(10_000, wait, "6 per minute refill one every 10 s");
        assertTrue(bucket.take(6, 5_000) > 0, "half an interval is not enough");
        assertEquals(0, bucket.take(6, 10_000), "one interval later a token is back");
        assertTrue(bucket.take(6, 10_000) > 0);
    }

    @Test
    void anIdleBucketRefillsOnlyToItsCapacity() {
        ExpensiveOperationLimiter.Bucket bucket = new ExpensiveOperationLimiter.Bucket(2, 0);
        assertEquals(0, bucket.take(2, 0));
        assertEquals(0, bucket.take(2, 0));
        long hourLater = 3_600_000;
        assertEquals(0, bucket.take(2, hourLater));
        assertEquals(0, bucket.take(2, hourLater));
        assertTrue(bucket.take(2, hourLater) > 0, "no more than the capacity after a long idle time");
    }
}
