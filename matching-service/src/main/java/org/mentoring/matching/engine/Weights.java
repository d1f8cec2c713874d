package org.mentoring.matching.engine;

/**
 * How much each component counts (a programme may override them) and the few constants the components use.
 * With the default weights summing to 1 and each component in [0, 1], a score is in [0, 1].
 *
 * @param fullOverlapHours overlapping working hours per day that earn the full working-hours component
 * @param qualityPriorMean the rating (1-5) assumed before any feedback arrives
 * @param qualityPriorWeight how many ratings the prior is worth: with 5, two 5-star ratings move a 3.5
 *     prior only to about 3.9
 */
public record Weights(double goals, double seniority, double perspective, double workingHours, double capacity,
        double quality, double fullOverlapHours, double qualityPriorMean, double qualityPriorWeight) {

    public static final Weights DEFAULTS = new Weights(0.40, 0.15, 0.10, 0.10, 0.05, 0.20, 4.0, 3.5, 5.0);

    public Weights {
        for (double w : new double[] {goals, seniority, perspective, workingHours, capacity, quality}) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and non-negative");
            }
        }
        if (!(fullOverlapHours > 0) || !(qualityPriorWeight >= 0) || qualityPriorMean < 1 || qualityPriorMean > 5) {
            throw new IllegalArgumentException("invalid scoring constants");
        }
    }
}
