package org.mentoring.session.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IcsWriterTest {

    @Test
    void anAddressWithCharactersAUriCannotHoldIsEscapedNotRefused() {
        assertEquals("mailto:ann@example.com", IcsWriter.mailto("ann@example.com").toString());
        assertEquals("mailto:a%7Cb@example.com", IcsWriter.mailto("a|b@example.com").toString());
        assertEquals("mailto:x%7By%7D@example.com", IcsWriter.mailto("x{y}@example.com").toString());
        assertEquals("mailto:ann%25sm@example.com", IcsWriter.mailto("ann%sm@example.com").toString());
    }
}
