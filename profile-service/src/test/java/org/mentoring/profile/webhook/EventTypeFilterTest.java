package org.mentoring.profile.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypeFilterTest {

    @Test
    void exactPrefixAndEverything() {
        EventTypeFilter sessions = new EventTypeFilter(List.of("mentoring.session.*", "mentoring.kudos.given.v1"));
        assertTrue(sessions.matches("mentoring.session.booked.v1"));
        assertTrue(sessions.matches("mentoring.kudos.given.v1"));
        assertFalse(sessions.matches("mentoring.kudos.revoked.v1"));
        assertFalse(sessions.matches("mentoring.sessions.booked.v1"));
        assertFalse(sessions.matches("mentoring.profile.created.v1"));
        assertTrue(new EventTypeFilter(List.of("*")).matches("mentoring.webhook.subscription-disabled.v1"));
        assertTrue(new EventTypeFilter(List.of("mentoring.*")).matches("mentoring.mentor-quality.changed.v1"));
    }

    @Test
    void storedFormRoundTrips() {
        EventTypeFilter filter = new EventTypeFilter(List.of("mentoring.session.*", "*"));
        assertEquals(filter, EventTypeFilter.fromStored(filter.stored()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "mentoring.session.*", "mentoring.session.booked.v1", "mentoring.mentor-quality.*"})
    void validPatterns(String pattern) {
        assertTrue(EventTypeFilter.problemWith(pattern).isEmpty(), pattern);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "mentoring.*.v1", "mentoring.session*", "**", "Mentoring.Session.*", "a b",
            ".mentoring", "mentoring..session", "mentoring.session.*.*"})
    void invalidPatterns(String pattern) {
        assertTrue(EventTypeFilter.problemWith(pattern).isPresent(), pattern);
    }
}
