package org.mentoring.matching.mentorship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mentoring.matching.mentorship.MentorshipStatus.Move;

/** The state machine as a table: these moves and no others. */
class MentorshipStatusTest {

    private static final Map<String, MentorshipStatus> ALLOWED = Map.ofEntries(
            Map.entry("PENDING ACCEPT", MentorshipStatus.ACTIVE),
            Map.entry("PENDING DECLINE", MentorshipStatus.DECLINED),
            Map.entry("PENDING WITHDRAW", MentorshipStatus.WITHDRAWN),
            Map.entry("PENDING EXPIRE", MentorshipStatus.EXPIRED),
            Map.entry("ACTIVE PAUSE", MentorshipStatus.PAUSED),
            Map.entry("ACTIVE COMPLETE", MentorshipStatus.COMPLETED),
            Map.entry("ACTIVE END", MentorshipStatus.ENDED),
            Map.entry("PAUSED RESUME", MentorshipStatus.ACTIVE),
            Map.entry("PAUSED COMPLETE", MentorshipStatus.COMPLETED),
            Map.entry("PAUSED END", MentorshipStatus.ENDED));

    @Test
    void exactlyTheseMovesAreAllowed() {
        int allowed = 0;
        for (MentorshipStatus state : MentorshipStatus.values()) {
            for (Move move : Move.values()) {
                MentorshipStatus expected = ALLOWED.get(state + " " + move);
                if (expected == null) {
                    assertNull(state.after(move), state + " " + move);
                } else {
                    assertEquals(expected, state.after(move), state + " " + move);
                    allowed++;
                }
            }
        }
        assertEquals(ALLOWED.size(), allowed);
    }
}
