package org.mentoring.feedback.checkin;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How often a programme check-in repeats. */
@Schema(name = "CheckInCadence")
public enum Cadence {
    once, weekly, biweekly, monthly;

    /** The date after {@code date}, or null for a one-off. */
    public LocalDate after(LocalDate date) {
        return switch (this) {
            case once -> null;
            case weekly -> date.plusWeeks(1);
            case biweekly -> date.plusWeeks(2);
            case monthly -> date.plusMonths(1);
        };
    }
}
