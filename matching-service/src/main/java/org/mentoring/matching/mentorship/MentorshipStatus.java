package org.mentoring.matching.mentorship;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The states of a mentorship and which moves between them are allowed. Pure, so the whole table is unit-tested;
 * who may make a move is decided by {@link MentorshipService}.
 */
public enum MentorshipStatus {
    PENDING, ACTIVE, PAUSED, COMPLETED, ENDED, DECLINED, WITHDRAWN, EXPIRED;

    /** Open mentorships count against a mentor's capacity (active, paused) or block a duplicate request (all three). */
    public static final Set<MentorshipStatus> OPEN = EnumSet.of(PENDING, ACTIVE, PAUSED);

    public enum Move {
        ACCEPT, DECLINE, WITHDRAW, EXPIRE, PAUSE, RESUME, COMPLETE, END;

        public String path() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MentorshipStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public static boolean isKnown(String value) {
        return value != null && Arrays.stream(values()).anyMatch(s -> s.value().equals(value));
    }

    /** Where a move leads from this state, or null when the move is not allowed here. */
    public MentorshipStatus after(Move move) {
        return switch (this) {
            case PENDING -> switch (move) {
                case ACCEPT -> ACTIVE;
                case DECLINE -> DECLINED;
                case WITHDRAW -> WITHDRAWN;
                case EXPIRE -> EXPIRED;
                default -> null;
            };
            case ACTIVE -> switch (move) {
                case PAUSE -> PAUSED;
                case COMPLETE -> COMPLETED;
                case END -> ENDED;
                default -> null;
            };
            case PAUSED -> switch (move) {
                case RESUME -> ACTIVE;
                case COMPLETE -> COMPLETED;
                case END -> ENDED;
                default -> null;
            };
            default -> null;
        };
    }
}
