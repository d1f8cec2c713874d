package org.mentoring.profile.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The secrets a rotation replaced and that still verify (an HRIS integration's) or still sign (a webhook
 * subscription's) until their grace period ends: each replaced secret for the grace period after it was replaced,
 * however many rotations follow. Two rotations in a row (a repeated request, or a second one before the sender
 * switched) therefore cut nobody off: the secret the sender still uses stays valid until its own deadline.
 *
 * <p>They are kept in one sealed column, newest first, a line each: the deadline in epoch seconds, a space, the
 * secret. A value without a deadline (a single secret, as stored before this format) lasts until the row's
 * {@code previous_secret_expires}.
 */
public final class RetiredSecrets {

    /** At most this many replaced secrets are kept; a further rotation lets the oldest go first. */
    static final int KEPT = 5;

    private RetiredSecrets() {
    }

    /** A replaced secret and when it stops being valid. */
    public record Retired(String secret, Instant validUntil) {
    }

    /** The replaced secrets stored in {@code stored}, valid or not; {@code legacyUntil} for a value without deadline. */
    static List<Retired> read(String stored, Instant legacyUntil) {
        List<Retired> retired = new ArrayList<>();
        if (stored == null || stored.isEmpty()) {
            return retired;
        }
        for (String line : stored.split("\n")) {
            int space = line.indexOf(' ');
            if (space < 0) {
                if (legacyUntil != null) {
                    retired.add(new Retired(line, legacyUntil));
                }
            } else {
                retired.add(new Retired(line.substring(space + 1),
                        Instant.ofEpochSecond(Long.parseLong(line.substring(0, space)))));
            }
        }
        return retired;
    }

    /** The replaced secrets still valid at {@code now}, newest first. */
    public static List<Retired> valid(String stored, Instant legacyUntil, Instant now) {
        List<Retired> valid = new ArrayList<>();
        for (Retired r : read(stored, legacyUntil)) {
            if (now.isBefore(r.validUntil())) {
                valid.add(r);
            }
        }
        return valid;
    }

    /**
     * The stored value once {@code secret} is replaced, valid until {@code until}: it first, then those still valid
     * at {@code now}, at most {@link #KEPT} in all.
     */
    public static String retire(String stored, Instant legacyUntil, String secret, Instant until, Instant now) {
        StringBuilder value = new StringBuilder().append(until.getEpochSecond()).append(' ').append(secret);
        int kept = 1;
        for (Retired r : valid(stored, legacyUntil, now)) {
            if (kept++ == KEPT) {
                break;
            }
            value.append('\n').append(r.validUntil().getEpochSecond()).append(' ').append(r.secret());
        }
        return value.toString();
    }

    /** When the last of the replaced secrets valid at {@code now} stops being valid; null if none is. */
    public static Instant lastValidUntil(String stored, Instant legacyUntil, Instant now) {
        Instant last = null;
        for (Retired r : valid(stored, legacyUntil, now)) {
            if (last == null || r.validUntil().isAfter(last)) {
                last = r.validUntil();
            }
        }
        return last;
    }
}
