package org.mentoring.matching.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mentoring.matching.engine.Weights;

/** How the read model's values become the engine's. */
class CandidateIndexTest {

    @Test
    void theEngineDampsTheRatingBackToExactlyTheQualityFeedbackSent() {
        Random random = new Random(7);
        Weights w = Weights.DEFAULTS;
        for (int i = 0; i < 1000; i++) {
            double quality = 1 + 4 * random.nextDouble();
            int count = random.nextInt(200);
            double sum = CandidateIndex.ratingSum(quality, count);
            double damped = (w.qualityPriorMean() * w.qualityPriorWeight() + sum) / (w.qualityPriorWeight() + count);
            assertEquals(quality, damped, 1e-9, "quality " + quality + " over " + count + " ratings");
        }
        assertEquals(0, CandidateIndex.ratingSum(null, 0));
    }

    @Test
    void profileGoalPrioritiesOneToFiveBecomeEngineWeightsThreeToOne() {
        assertEquals(3, CandidateIndex.enginePriority(1));
        assertEquals(3, CandidateIndex.enginePriority(2));
        assertEquals(2, CandidateIndex.enginePriority(3));
        assertEquals(1, CandidateIndex.enginePriority(4));
        assertEquals(1, CandidateIndex.enginePriority(5));
        assertEquals(2, CandidateIndex.enginePriority(null));
    }
}
