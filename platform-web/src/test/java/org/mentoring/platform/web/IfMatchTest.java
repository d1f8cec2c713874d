package org.mentoring.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IfMatchTest {

    private static final String CURRENT = IfMatch.tag(7);

    @Test
    void holdsForTheCurrentStrongTagAnywhereInAListAndForAnyVersion() {
        assertEquals("\"7\"", CURRENT);
        assertTrue(IfMatch.holds("\"7\"", CURRENT));
        assertTrue(IfMatch.holds(" \"7\" ", CURRENT));
        assertTrue(IfMatch.holds("\"5\", \"6\",\"7\"", CURRENT));
        assertTrue(IfMatch.holds("\"a,b\", \"7\"", CURRENT));
        assertTrue(IfMatch.holds("*", CURRENT));
    }

    @Test
    void weakTagsAndOtherSpellingsOfTheNumberNeverHold() {
        assertFalse(IfMatch.holds("W/\"7\"", CURRENT));
        assertFalse(IfMatch.holds("W/\"7\", \"6\"", CURRENT));
        assertFalse(IfMatch.holds("\"07\"", CURRENT));
        assertFalse(IfMatch.holds("\"+7\"", CURRENT));
        assertFalse(IfMatch.holds("\"77\"", CURRENT));
        assertFalse(IfMatch.holds("\"\"", CURRENT));
    }

    @Test
    void aFieldThatIsNotAListOfEntityTagsIsABadRequest() {
        for (String field : new String[] {"7", "\"7", "\"7\" \"8\"", "W/7", ",", "\"7\"x", "\"a b\"", "**"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> IfMatch.holds(field, CURRENT), field);
            assertEquals(400, e.problem().status(), field);
            assertEquals("If-Match", e.problem().errors().get(0).field(), field);
        }
    }
}
