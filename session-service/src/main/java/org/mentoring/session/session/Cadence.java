package org.mentoring.session.session;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The RRULE subset sessions recur by: weekly, every two weeks, monthly, for a number of occurrences. Occurrences keep
 * their local wall-clock time in the session's time zone, so a series at 09:00 Europe/Berlin stays at 09:00 across
 * daylight-saving changes (RFC 5545, 3.3.10: the rule applies to local time when DTSTART has a TZID).
 */
public enum Cadence {
    weekly("FREQ=WEEKLY"),
    biweekly("FREQ=WEEKLY;INTERVAL=2"),
    monthly("FREQ=MONTHLY");

    public static final int MAX_OCCURRENCES = 52;

    private final String rule;

    Cadence(String rule) {
        this.rule = rule;
    }

    public String rrule(int count) {
        return rule + ";COUNT=" + count;
    }

    /**
     * The first {@code count} occurrences starting at {@code first}. A monthly series on the 29th to 31st skips months
     * without that day, as RFC 5545 says, instead of moving to the month's last day.
     */
    public List<ZonedDateTime> occurrences(ZonedDateTime first, int count) {
        List<ZonedDateTime> result = new ArrayList<>(count);
        for (int step = 0; result.size() < count; step++) {
            ZonedDateTime next = switch (this) {
                case weekly -> first.plusWeeks(step);
                case biweekly -> first.plusWeeks(2L * step);
                case monthly -> first.plusMonths(step);
            };
            if (this == monthly && next.getDayOfMonth() != first.getDayOfMonth()) {
                continue;
            }
            result.add(next.withZoneSameLocal(first.getZone()));
        }
        return result;
    }
}
