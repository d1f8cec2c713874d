package org.mentoring.platform.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for an asynchronous outcome (an event applied, a relay caught up), failing with the last value seen. */
public final class Eventually {

    private Eventually() {
    }

    public static <T> T await(Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
    }
}
