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
 * <p>They are kept in one sealed column ({@code previous_secret}), with the last deadline in
 * {@code previous_secret_expires}. One replaced secret is stored alone, its deadline in that column, as releases
 * before this one stored it (and read it: a rolling deploy or a rollback meets no other form after one rotation).
 * Several are stored newest first, a line each: the deadline in epoch seconds, a space, the secret.
 */
final class RetiredSecrets {

    /** At most this many replaced secrets are kept; a further rotation lets the oldest go first. */
    static final int KEPT = 5;

    private RetiredSecrets() {
    }

    /** A replaced secret and when it stops being valid. */
    record Retired(String secret, Instant validUntil) {
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
    static List<Retired> valid(String stored, Instant legacyUntil, Instant now) {
        List<Retired> valid = new ArrayList<>();
        for (Retired r : read(stored, legacyUntil)) {
            if (now.isBefore(r.validUntil())) {
                valid.add(r);
            }
        }
        return valid;
    }

    /** What a row stores for its replaced secrets: {@code previous_secret} and {@code previous_secret_expires}. */
    record Stored(String value, Instant lastValidUntil) {
    }

    /**
     * What the row stores once {@code secret} is replaced, valid until {@code until}: it first, then those of
     * {@code stored} (with {@code storedUntil}, the row's deadline) still valid at {@code now}, at most {@link #KEPT}.
     */
    static Stored retire(String stored, Instant storedUntil, String secret, Instant until, Instant now) {
        List<Retired> kept = new ArrayList<>();
        kept.add(new Retired(secret, until));
        for (Retired r : valid(stored, storedUntil, now)) {
            if (kept.size() == KEPT) {
                break;
            }
            kept.add(r);
        }
        if (kept.size() == 1) {
            return new Stored(secret, until);
        }
        StringBuilder value = new StringBuilder();
        Instant last = until;
        for (Retired r : kept) {
            value.append(value.isEmpty() ? "" : "\n").append(r.validUntil().getEpochSecond()).append(' ').append(r.secret());
            last = r.validUntil().isAfter(last) ? r.validUntil() : last;
        }
        return new Stored(value.toString(), last);
    }

    /** When the last of the replaced secrets valid at {@code now} stops being valid; null if none is. */
    static Instant lastValidUntil(String stored, Instant legacyUntil, Instant now) {
        Instant last = null;
        for (Retired r : valid(stored, legacyUntil, now)) {
            if (last == null || r.validUntil().isAfter(last)) {
                last = r.validUntil();
            }
        }
        return last;
    }
}
