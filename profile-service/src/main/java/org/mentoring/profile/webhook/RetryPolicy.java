package org.mentoring.profile.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: after the n-th failed attempt, the n-th pause of the schedule, varied by
 * the jitter, or longer if the receiver asked for it with Retry-After (up to a cap). Once the schedule is used up the
 * delivery has failed for good.
 */
public final class RetryPolicy {

    private final List<Duration> schedule;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final RandomGenerator random;

    public RetryPolicy(List<Duration> schedule, double jitter, Duration maxRetryAfter, RandomGenerator random) {
        this.schedule = List.copyOf(schedule);
        this.jitter = Math.max(0, Math.min(jitter, 1));
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    /** Whether an attempt with this outcome is worth repeating: timeouts, connection errors, 5xx and 429. */
    public static boolean retryable(Integer statusCode) {
        return statusCode == null || statusCode >= 500 || statusCode == 429;
    }

    /**
     * The pause before the next attempt after {@code failedAttempts} attempts failed, or empty when the schedule is
     * used up.
     */
    public Optional<Duration> nextPause(int failedAttempts, Optional<Duration> retryAfter) {
        if (failedAttempts < 1 || failedAttempts > schedule.size()) {
            return Optional.empty();
        }
        Duration base = schedule.get(failedAttempts - 1);
        double factor = 1 + (random.nextDouble() * 2 - 1) * jitter;
        Duration pause = Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * factor)));
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter.get();
            if (asked.compareTo(pause) > 0) {
                pause = asked;
            }
        }
        return Optional.of(pause);
    }

    /** A Retry-After header: delay in seconds or an HTTP date. */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(now, at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException dateError) {
                return Optional.empty();
            }
        }
    }
}
