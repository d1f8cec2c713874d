package org.mentoring.feedback.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A mentor's quality: the mean of the ratings about them pulled towards a prior mean by a number of imaginary
 * ratings (a Bayesian average), (sum + weight x prior) / (count + weight). A mentor with two ratings of 1 is not
 * ranked as the worst of all, and a long record outweighs the prior. Four decimals, so tiny float noise never
 * counts as a change.
 */
public final class DampedAverage {

    private DampedAverage() {
    }

    public static BigDecimal of(long sum, long count, double priorWeight, double priorMean) {
        if (count < 0 || priorWeight < 0 || (count == 0 && priorWeight == 0)) {
            throw new IllegalArgumentException("needs ratings or a prior weight");
        }
        double value = (sum + priorWeight * priorMean) / (count + priorWeight);
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
    }
}
