package org.mentoring.feedback.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class DampedAverageTest {

    @Test
    void theFormulaOfTheCatalogue() {
        assertEquals("3.5000", DampedAverage.of(0, 0, 5, 3.5).toPlainString());
        assertEquals("2.6875", DampedAverage.of(4, 3, 5, 3.5).toPlainString());
        assertEquals("5.0000", DampedAverage.of(50, 10, 0, 3.5).toPlainString());
        assertThrows(IllegalArgumentException.class, () -> DampedAverage.of(0, 0, 0, 3.5));
    }

    @Test
    void alwaysBetweenThePriorAndTheRawMeanAndWithinOneToFive() {
        Random random = new Random(7L);
        for (int run = 0; run < 1000; run++) {
            int count = 1 + random.nextInt(50);
            long sum = 0;
            for (int i = 0; i < count; i++) {
                sum += 1 + random.nextInt(5);
            }
            double prior = 1 + 4 * random.nextDouble();
            double weight = random.nextInt(20);
            double quality = DampedAverage.of(sum, count, weight, prior).doubleValue();
            double mean = (double) sum / count;
            assertTrue(quality >= Math.min(mean, prior) - 1e-4 && quality <= Math.max(mean, prior) + 1e-4,
                    "sum " + sum + " count " + count + " prior " + prior + " weight " + weight);
            assertTrue(quality >= 1 && quality <= 5);
        }
    }
}
