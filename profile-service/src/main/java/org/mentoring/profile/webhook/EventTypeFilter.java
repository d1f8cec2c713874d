package org.mentoring.profile.webhook;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The event types a subscription wants: exact types ({@code mentoring.session.booked.v1}), a prefix ending in
 * {@code .*} ({@code mentoring.session.*} is every session event) or {@code *} for everything.
 */
public record EventTypeFilter(List<String> patterns) {

    private static final Pattern VALID = Pattern.compile("\\*|[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*(\\.\\*)?");

    public EventTypeFilter {
        patterns = List.copyOf(patterns);
    }

    /** Why a pattern is not acceptable, or empty when it is. */
    public static Optional<String> problemWith(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (pattern.length() > 200) {
            return Optional.of("must have at most 200 characters");
        }
        if (!VALID.matcher(pattern).matches()) {
            return Optional.of("must be an event type such as mentoring.session.booked.v1, a prefix such as "
                    + "mentoring.session.* or *");
        }
        return Optional.empty();
    }

    public boolean matches(String type) {
        for (String pattern : patterns) {
            if (pattern.equals("*") || pattern.equals(type)) {
                return true;
            }
            if (pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** The stored form: patterns separated by spaces (a pattern never contains one). */
    public String stored() {
        return String.join(" ", patterns);
    }

    public static EventTypeFilter fromStored(String stored) {
        return new EventTypeFilter(List.of(stored.trim().split(" +")));
    }
}
