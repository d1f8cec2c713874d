package org.mentoring.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PeerMatchingTest {

    @Test
    void equalsBruteForceOnSmallGroups() {
        SeededInstances.forEachSeed(3000, random -> {
            int n = 1 + random.nextInt(10);
            List<String> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                members.add("p" + i);
            }
            double[][] w = new double[n][n];
            List<PeerMatching.Edge> edges = new ArrayList<>();
            int density = 3 + random.nextInt(8);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (random.nextInt(10) < density) {
                        // Few distinct values make ties and blossoms frequent.
                        double score = random.nextBoolean() ? (random.nextInt(6) - 1) / 4.0
                                : (random.nextInt(1200) - 200) / 1000.0;
                        w[i][j] = w[j][i] = Math.max(0, score);
                        edges.add(random.nextBoolean() ? new PeerMatching.Edge("p" + i, "p" + j, score)
                                : new PeerMatching.Edge("p" + j, "p" + i, score));
                    }
                }
            }
            PeerMatching.Result result = PeerMatching.solve(members, edges);
            Set<String> seen = new HashSet<>();
            double total = 0;
            for (PeerMatching.Pair pair : result.pairs()) {
                assertTrue(seen.add(pair.a()) && seen.add(pair.b()), "someone is in two pairs");
                int i = Integer.parseInt(pair.a().substring(1));
                int j = Integer.parseInt(pair.b().substring(1));
                assertTrue(w[i][j] > 0, "a pair without benefit was formed");
                assertEquals(w[i][j], pair.score(), 0.0);
                total += pair.score();
            }
            for (String p : result.unpaired()) {
                assertTrue(seen.add(p));
            }
            assertEquals(n, seen.size());
            assertEquals(total, result.objective(), 1e-9);
            assertEquals(bruteForce(w, new boolean[n]), result.objective(), 1e-9);
        });
    }

    private static double bruteForce(double[][] w, boolean[] used) {
        int i = 0;
        while (i < used.length && used[i]) {
            i++;
        }
        if (i == used.length) {
            return 0;
        }
        used[i] = true;
        double best = bruteForce(w, used);
        for (int j = i + 1; j < used.length; j++) {
            if (!used[j] && w[i][j] > 0) {
                used[j] = true;
                best = Math.max(best, w[i][j] + bruteForce(w, used));
                used[j] = false;
            }
        }
        used[i] = false;
        return best;
    }

    @Test
    void oddPersonOutIsReported() {
        PeerMatching.Result result = PeerMatching.solve(List.of("a", "b", "c"), List.of(
                new PeerMatching.Edge("a", "b", 0.5), new PeerMatching.Edge("b", "c", 0.7),
                new PeerMatching.Edge("a", "c", 0.6)));
        assertEquals(List.of(new PeerMatching.Pair("b", "c", 0.7)), result.pairs());
        assertEquals(List.of("a"), result.unpaired());
    }

    @Test
    void findsTheBestPairingThroughAnOddCycle() {
        // Greedy takes b-c (0.9) and leaves 0.2; the optimum pairs a-b and c-d for 1.6.
        PeerMatching.Result result = PeerMatching.solve(List.of("a", "b", "c", "d", "e"), List.of(
                new PeerMatching.Edge("a", "b", 0.8), new PeerMatching.Edge("b", "c", 0.9),
                new PeerMatching.Edge("c", "a", 0.3), new PeerMatching.Edge("c", "d", 0.8),
                new PeerMatching.Edge("a", "d", 0.2), new PeerMatching.Edge("d", "e", 0.1)));
        assertEquals(List.of(new PeerMatching.Pair("a", "b", 0.8), new PeerMatching.Pair("c", "d", 0.8)), result.pairs());
        assertEquals(1.6, result.objective(), 1e-12);
        assertEquals(List.of("e"), result.unpaired());
    }
}
