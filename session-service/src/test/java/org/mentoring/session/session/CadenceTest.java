package org.mentoring.session.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CadenceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void weeklyKeepsTheWallClockAcrossTheSpringChange() {
        ZonedDateTime first = LocalDateTime.of(2027, 3, 22, 9, 0).atZone(BERLIN);
        List<ZonedDateTime> series = Cadence.weekly.occurrences(first, 3);
        assertEquals(List.of("2027-03-22T09:00+01:00[Europe/Berlin]", "2027-03-29T09:00+02:00[Europe/Berlin]",
                "2027-04-05T09:00+02:00[Europe/Berlin]"), series.stream().map(ZonedDateTime::toString).toList());
    }

    @Test
    void biweeklyKeepsTheWallClockAcrossTheAutumnChange() {
        ZonedDateTime first = LocalDateTime.of(2027, 10, 20, 9, 0).atZone(BERLIN);
        List<ZonedDateTime> series = Cadence.biweekly.occurrences(first, 2);
        assertEquals("2027-11-03T09:00+01:00[Europe/Berlin]", series.get(1).toString());
    }

    @Test
    void monthlyOnThe31stSkipsShorterMonths() {
        ZonedDateTime first = LocalDateTime.of(2027, 1, 31, 14, 0).atZone(BERLIN);
        assertEquals(List.of(1, 3, 5, 7), Cadence.monthly.occurrences(first, 4).stream()
                .map(ZonedDateTime::getMonthValue).toList());
    }

    @Test
    void rrulesAreTheRfcSubset() {
        assertEquals("FREQ=WEEKLY;COUNT=4", Cadence.weekly.rrule(4));
        assertEquals("FREQ=WEEKLY;INTERVAL=2;COUNT=6", Cadence.biweekly.rrule(6));
        assertEquals("FREQ=MONTHLY;COUNT=3", Cadence.monthly.rrule(3));
    }

    /** Over random zones, days and times: every occurrence keeps the first one's local time and the right gap. */
    @Test
    void everyOccurrenceKeepsTheLocalTimeInAnyZone() {
        Random random = new Random(20270322L);
        List<String> zones = List.of("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata",
                "Europe/London", "America/Sao_Paulo");
        for (int i = 0; i < 500; i++) {
            ZoneId zone = ZoneId.of(zones.get(random.nextInt(zones.size())));
            LocalDate day = LocalDate.of(2027, 1, 1).plusDays(random.nextInt(365));
            // Whole hours from 06:00 to 20:00 exist on every day in these zones.
            LocalTime time = LocalTime.of(6 + random.nextInt(15), 15 * random.nextInt(4));
            ZonedDateTime first = day.atTime(time).atZone(zone);
            Cadence cadence = Cadence.values()[random.nextInt(3)];
            int count = 2 + random.nextInt(Cadence.MAX_OCCURRENCES - 1);
            List<ZonedDateTime> series = cadence.occurrences(first, count);
            assertEquals(count, series.size());
            for (int k = 0; k < series.size(); k++) {
                ZonedDateTime o = series.get(k);
                assertEquals(time, o.toLocalTime(), o.toString());
                assertEquals(zone, o.getZone());
                if (k > 0) {
                    long days = java.time.temporal.ChronoUnit.DAYS.between(series.get(k - 1).toLocalDate(),
                            o.toLocalDate());
                    switch (cadence) {
                        case weekly -> assertEquals(7, days);
                        case biweekly -> assertEquals(14, days);
                        case monthly -> assertEquals(first.getDayOfMonth(), o.getDayOfMonth());
                    }
                }
            }
        }
    }
}
