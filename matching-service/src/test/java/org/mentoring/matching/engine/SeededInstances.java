package org.mentoring.matching.engine;

import java.util.Random;

/**
 * Random instances for the engine's property checks. Each instance comes from {@code new Random(seed)} with
 * seeds 0, 1, 2, ...; a failing instance is reported with its seed so it can be rebuilt exactly.
 */
final class SeededInstances {

    /** A check of one instance; it draws everything it needs from the given random source. */
    @FunctionalInterface
    interface Check {
        void run(Random random);
    }

    private SeededInstances() {
    }

    /** Runs {@code check} on the instances for seeds 0 to {@code count - 1}; stops at the first failure. */
    static void forEachSeed(int count, Check check) {
        for (long seed = 0; seed < count; seed++) {
            try {
                check.run(new Random(seed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("instance with seed " + seed + " failed (rebuild it from new Random(" + seed
                        + "L)): " + e, e);
            }
        }
    }

    /** A small random instance; scores are on a 1e-3 grid and some are negative, so leaving a mentee out can win. */
    static CandidateGraph graph(Random random, int maxMentees, int maxMentors) {
        int n = 1 + random.nextInt(maxMentees);
        int m = 1 + random.nextInt(maxMentors);
        CandidateGraph.Builder b = CandidateGraph.builder();
        for (int j = 0; j < m; j++) {
            b.mentor("t" + j, random.nextInt(4) == 0 ? random.nextInt(2) : 1 + random.nextInt(3));
        }
        for (int i = 0; i < n; i++) {
            b.mentee("e" + i);
            for (int j = 0; j < m; j++) {
                if (random.nextInt(10) < 6) {
                    b.arc("e" + i, "t" + j, (random.nextInt(1200) - 200) / 1000.0);
                }
            }
        }
        return b.build();
    }
}
