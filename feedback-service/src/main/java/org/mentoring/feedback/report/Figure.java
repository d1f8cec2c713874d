package org.mentoring.feedback.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One number of a report with how many answers or people it is drawn from. A figure drawn from fewer than the
 * minimum group size is suppressed: no value and no basis, only the reason, so no one can be singled out.
 */
public record Figure(BigDecimal value, Integer basis, boolean suppressed, String reason) {

    public static Figure of(Double value, int basis, int minGroupSize) {
        if (basis < minGroupSize) {
            return suppressed(minGroupSize);
        }
        return new Figure(value == null ? null : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP), basis,
                false, null);
    }

    /** A count of people or answers: it is its own basis. */
    public static Figure count(long count, int minGroupSize) {
        if (count < minGroupSize) {
            return suppressed(minGroupSize);
        }
        return new Figure(BigDecimal.valueOf(count), (int) count, false, null);
    }

    public static Figure suppressed(int minGroupSize) {
        return new Figure(null, null, true, "drawn from fewer than " + minGroupSize + " answers or people");
    }
}
