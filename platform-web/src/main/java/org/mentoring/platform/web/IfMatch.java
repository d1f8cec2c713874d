package org.mentoring.platform.web;

/**
 * The {@code If-Match} precondition of RFC 9110 (section 13.1.1) against a resource's current strong entity tag:
 * the field is {@code *} (any current version) or a comma-separated list of entity tags, and it holds when one of
 * them is character for character the current tag. A weak tag ({@code W/"7"}) never holds: weak validators do not
 * protect a write from a lost update.
 */
public final class IfMatch {

    private IfMatch() {
    }

    /** The strong entity tag of a version number: {@code "7"} for 7. */
    public static String tag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Whether {@code field} holds for a resource whose current strong tag is {@code current} (quotes included).
     *
     * @throws ProblemException 400 when the field is not {@code *} and not a list of entity tags
     */
    public static boolean holds(String field, String current) {
        String value = field.strip();
        if (value.equals("*")) {
            return true;
        }
        boolean matched = false;
        boolean any = false;
        int i = 0;
        int n = value.length();
        while (i < n) {
            char ch = value.charAt(i);
            if (ch == ',' || ch == ' ' || ch == '\t') {
                i++;
                continue;
            }
            boolean weak = value.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            if (open >= n || value.charAt(open) != '"') {
                throw malformed();
            }
            int close = value.indexOf('"', open + 1);
            if (close < 0) {
                throw malformed();
            }
            for (int k = open + 1; k < close; k++) {
                char c = value.charAt(k);
                if (c < 0x21 || c == 0x7F) {
                    throw malformed();
                }
            }
            if (!weak && value.regionMatches(open, current, 0, current.length()) && close - open + 1 == current.length()) {
                matched = true;
            }
            any = true;
            i = close + 1;
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && value.charAt(i) != ',') {
                throw malformed();
            }
        }
        if (!any) {
            throw malformed();
        }
        return matched;
    }

    private static ProblemException malformed() {
        return ProblemException.invalid("If-Match", "must be * or a list of entity tags such as \"7\"");
    }
}
