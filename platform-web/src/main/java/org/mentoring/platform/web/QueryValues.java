package org.mentoring.platform.web;

/**
 * Query parameters read as text and converted here, so that a value of the wrong form is a 400 naming the parameter
 * (the REST layer answers a query value it cannot convert with 404, and reads any word but {@code true} as false).
 */
public final class QueryValues {

    private QueryValues() {
    }

    /** Free text as given; one holding U+0000, which the database cannot compare, is a 400 naming the parameter. */
    public static String text(String name, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw ProblemException.invalid(name, "must not contain the character U+0000");
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent (which may be null). */
    public static Integer integer(String name, String value, int min, int max, Integer fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be a whole number from " + min + " to " + max);
        }
        if (parsed < min || parsed > max) {
            throw ProblemException.invalid(name, "must be a whole number from " + min + " to " + max);
        }
        return parsed;
    }

    /** Any whole number an int holds; {@code fallback} when absent (which may be null). */
    public static Integer integer(String name, String value, Integer fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be a whole number");
        }
    }

    /** {@code true} or {@code false}, in any case; null when absent. */
    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalid(name, "must be true or false");
        };
    }

    /** A UUID; null when absent. */
    public static java.util.UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.util.UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be a UUID such as 3f2b8c1e-5d4a-4e6f-9a7b-2c1d0e9f8a6b");
        }
    }

    /** {@code true} or {@code false}; {@code fallback} when absent. */
    public static boolean bool(String name, String value, boolean fallback) {
        Boolean parsed = bool(name, value);
        return parsed == null ? fallback : parsed;
    }

    /** A language tag in its canonical form ({@code EN_gb} gives {@code en-GB}, see {@link LanguageTags}); null when absent. */
    public static String languageTag(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String canonical = LanguageTags.canonical(value);
        if (canonical == null) {
            throw ProblemException.invalid(name, LanguageTags.INVALID);
        }
        return canonical;
    }

    /** An ISO-8601 instant such as 2026-01-31T09:00:00Z (or with an offset); null when absent. */
    public static java.time.Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z");
        }
    }
}
