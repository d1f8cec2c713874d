package org.mentoring.profile.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10));

    @Test
    void pausesFollowTheScheduleWithinTheJitterThenStop() {
        Random random = new Random(20261125L);
        RetryPolicy policy = new RetryPolicy(SCHEDULE, 0.2, Duration.ofHours(24), random);
        for (int run = 0; run < 500; run++) {
            for (int failed = 1; failed <= SCHEDULE.size(); failed++) {
                long base = SCHEDULE.get(failed - 1).toMillis();
                long pause = policy.nextPause(failed, Optional.empty()).orElseThrow().toMillis();
                assertTrue(pause >= base * 0.8 - 1 && pause <= base * 1.2 + 1, failed + ": " + pause);
            }
            assertEquals(Optional.empty(), policy.nextPause(SCHEDULE.size() + 1, Optional.empty()));
        }
    }

    @Test
    void theDefaultScheduleKeepsTryingForMoreThanADay() {
        Duration total = SCHEDULE.stream().reduce(Duration.ZERO, Duration::plus);
        assertTrue(total.compareTo(Duration.ofDays(1)) > 0, total.toString());
    }

    @Test
    void retryAfterLengthensButNeverShortensAndIsCapped() {
        RetryPolicy policy = new RetryPolicy(SCHEDULE, 0, Duration.ofHours(1), new Random(1));
        assertEquals(Duration.ofSeconds(120), policy.nextPause(1, Optional.of(Duration.ofSeconds(120))).orElseThrow());
        assertEquals(Duration.ofMinutes(5), policy.nextPause(2, Optional.of(Duration.ofSeconds(1))).orElseThrow());
        assertEquals(Duration.ofHours(1), policy.nextPause(1, Optional.of(Duration.ofDays(3))).orElseThrow());
    }

    @Test
    void retryAfterInSecondsOrAsADate() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryPolicy.parseRetryAfter("30", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)),
                RetryPolicy.parseRetryAfter("Wed, 25 Nov 2026 10:01:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.parseRetryAfter("Wed, 25 Nov 2026 09:00:00 GMT", now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("soon", now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(null, now));
    }

    @Test
    void whichOutcomesAreRetried() {
        assertTrue(RetryPolicy.retryable(null));
        assertTrue(RetryPolicy.retryable(500));
        assertTrue(RetryPolicy.retryable(503));
        assertTrue(RetryPolicy.retryable(429));
        assertFalse(RetryPolicy.retryable(400));
        assertFalse(RetryPolicy.retryable(404));
        assertFalse(RetryPolicy.retryable(410));
        assertFalse(RetryPolicy.retryable(302));
    }
}
