package org.mentoring.feedback.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ReportMathTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, ReportMath.median(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, ReportMath.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertNull(ReportMath.median(List.of()));
    }

    @Test
    void medianHasAsManyValuesAtOrBelowAsAtOrAboveOverSeededRandomSamples() {
        Random random = new Random(20261125L);
        for (int run = 0; run < 500; run++) {
            List<Double> values = new ArrayList<>();
            int n = 1 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                values.add((double) random.nextInt(30));
            }
            double median = ReportMath.median(values);
            long atOrBelow = values.stream().filter(v -> v <= median).count();
            long atOrAbove = values.stream().filter(v -> v >= median).count();
            assertTrue(atOrBelow * 2 >= n && atOrAbove * 2 >= n, values + " median " + median);
        }
    }

    @Test
    void netPromoterScoreCountsNinesAndTensAgainstZeroToSix() {
        assertEquals(100.0 * (2 - 2) / 5, ReportMath.netPromoterScore(List.of(10, 9, 8, 6, 0)));
        assertEquals(-100.0, ReportMath.netPromoterScore(List.of(0, 6)));
        assertEquals(100.0, ReportMath.netPromoterScore(List.of(9, 10)));
        assertEquals(0.0, ReportMath.netPromoterScore(List.of(7, 8)));
        assertNull(ReportMath.netPromoterScore(List.of()));
    }

    @Test
    void monthsNeverFallBelowOne() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(1.0, ReportMath.months(start, start.plusSeconds(86_400)));
        assertEquals(365.25 / 30.436875, ReportMath.months(start, start.plusSeconds((long) (365.25 * 86_400))), 1e-9);
    }

    @Test
    void figuresFromFewerThanTheMinimumAreSuppressedWithoutValueOrBasis() {
        Figure four = Figure.of(3.2, 4, 5);
        assertTrue(four.suppressed());
        assertNull(four.value());
        assertNull(four.basis());
        Figure five = Figure.of(3.456, 5, 5);
        assertFalse(five.suppressed());
        assertEquals("3.46", five.value().toPlainString());
        assertEquals(5, five.basis());
        assertTrue(Figure.count(4, 5).suppressed());
        assertEquals("7", Figure.count(7, 5).value().toPlainString());
    }

    @Test
    void csvFieldsAreQuotedAndNeverFormulas() {
        assertEquals("Sales", ReportCsv.field("Sales"));
        assertEquals("\"R&D, Berlin\"", ReportCsv.field("R&D, Berlin"));
        assertEquals("\"say \"\"hi\"\"\"", ReportCsv.field("say \"hi\""));
        assertEquals("'=1+1", ReportCsv.field("=1+1"));
    }
}
