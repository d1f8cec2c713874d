package org.mentoring.matching.engine;

import java.time.LocalTime;
import java.util.Objects;

/** A daily span of working time in the person's own time zone; {@code end} before {@code start} crosses midnight. */
public record WorkingWindow(LocalTime start, LocalTime end) {
    public static final WorkingWindow OFFICE_HOURS = new WorkingWindow(LocalTime.of(9, 0), LocalTime.of(17, 0));

    public WorkingWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("empty working window");
        }
    }
}
