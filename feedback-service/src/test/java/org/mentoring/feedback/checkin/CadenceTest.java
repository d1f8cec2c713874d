package org.mentoring.feedback.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class CadenceTest {

    @Test
    void nextDates() {
        LocalDate jan31 = LocalDate.of(2027, 1, 31);
        assertNull(Cadence.once.after(jan31));
        assertEquals(LocalDate.of(2027, 2, 7), Cadence.weekly.after(jan31));
        assertEquals(LocalDate.of(2027, 2, 14), Cadence.biweekly.after(jan31));
        assertEquals(LocalDate.of(2027, 2, 28), Cadence.monthly.after(jan31));
    }
}
