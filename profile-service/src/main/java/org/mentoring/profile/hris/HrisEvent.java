package org.mentoring.profile.hris;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The kinds of employee change an HRIS reports, under their wire names. */
public enum HrisEvent {
    CREATED("employee.created"),
    UPDATED("employee.updated"),
    TERMINATED("employee.terminated"),
    MANAGER_CHANGED("employee.manager_changed"),
    ON_LEAVE("employee.on_leave");

    /** No HRIS fact is dated before this: neither a webhook event's occurredAt nor an import's asOf. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private final String wireName;

    HrisEvent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<HrisEvent> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (HrisEvent e : values()) {
            if (e.wireName.equals(wanted)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a fact effective at {@code at} (tie broken by {@code sequence}) is to be applied over the last one
     * applied: it is newer, or nothing tells the two apart. Facts without a sequence rank below those with one at the
     * same instant; two without one at the same instant (an HRIS that dates changes by day, say) follow each other in
     * the order they arrive, as a termination dated the day of an update must not be dropped.
     */
    public static boolean isNewer(Instant at, Long sequence, Instant lastAt, Long lastSequence) {
        if (lastAt == null) {
            return true;
        }
        int byTime = at.compareTo(lastAt);
        if (byTime != 0) {
            return byTime > 0;
        }
        if (sequence == null && lastSequence == null) {
            return true;
        }
        long seq = sequence == null ? Long.MIN_VALUE : sequence;
        long lastSeq = lastSequence == null ? Long.MIN_VALUE : lastSequence;
        return seq > lastSeq;
    }
}
