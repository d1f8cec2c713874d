package org.mentoring.feedback.report;

import java.util.Collection;

/** The statistics of programme reports, free of any storage so they can be checked against hand-made cases. */
public final class ReportMath {

    private ReportMath() {
    }

    /** The median; for an even count the mean of the two middle values. Null for no values. */
    public static Double median(Collection<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static Double mean(Collection<? extends Number> values) {
        return values.isEmpty() ? null : values.stream().mapToDouble(Number::doubleValue).average().orElseThrow();
    }

    /** Net promoter score: the percentage of 9s and 10s minus the percentage of 0 to 6, from -100 to 100. */
    public static Double netPromoterScore(Collection<Integer> scores) {
        if (scores.isEmpty()) {
            return null;
        }
        long promoters = scores.stream().filter(s -> s >= 9).count();
        long detractors = scores.stream().filter(s -> s <= 6).count();
        return 100.0 * (promoters - detractors) / scores.size();
    }

    /** A share as a percentage, or null when there is nothing to share. */
    public static Double percentage(long part, long whole) {
        return whole == 0 ? null : 100.0 * part / whole;
    }

    /** Months (of average length) between two instants, never less than one, so a new pair is not over-counted. */
    public static double months(java.time.Instant from, java.time.Instant to) {
        double days = java.time.Duration.between(from, to).toSeconds() / 86_400.0;
        return Math.max(1.0, days / 30.436875);
    }
}
