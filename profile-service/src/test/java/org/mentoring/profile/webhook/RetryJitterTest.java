package org.mentoring.profile.webhook;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Retry jitter differs between worker threads (and so between replicas and restarts). */
class RetryJitterTest {

    @Test
    void twoFreshWorkerThreadsDrawDifferentJitter() throws InterruptedException {
        AtomicLong first = new AtomicLong();
        AtomicLong second = new AtomicLong();
        Thread a = new Thread(() -> first.set(WebhookDispatcher.PER_THREAD_RANDOM.nextLong()));
        Thread b = new Thread(() -> second.set(WebhookDispatcher.PER_THREAD_RANDOM.nextLong()));
        a.start();
        b.start();
        a.join();
        b.join();
        assertNotEquals(first.get(), second.get());
    }
}
