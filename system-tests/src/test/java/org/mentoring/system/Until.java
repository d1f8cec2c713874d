package org.mentoring.system;

import java.time.Duration;

/** Retries an assertion until it passes or the time is up; then the last failure is the test's failure. */
final class Until {

    interface Check {
        void run() throws Exception;
    }

    private Until() {
    }

    static void passes(Duration timeout, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | Exception e) {
                if (System.nanoTime() > deadline) {
                    if (e instanceof AssertionError a) {
                        throw a;
                    }
                    throw new AssertionError(e);
                }
            }
            ChildProcess.sleep(250);
        }
    }
}
