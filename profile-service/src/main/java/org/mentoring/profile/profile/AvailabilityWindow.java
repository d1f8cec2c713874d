package org.mentoring.profile.profile;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A weekly window in the person's own time zone, e.g. TUE 14:00-15:30. */
public record AvailabilityWindow(
        @NotNull @Pattern(regexp = "MON|TUE|WED|THU|FRI|SAT|SUN", message = "must be MON..SUN") String day,
        @NotNull @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be HH:mm") String start,
        @NotNull @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]|24:00", message = "must be HH:mm") String end) {
}
