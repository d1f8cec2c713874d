package org.mentoring.profile.hris;

/**
 * Rows in the text format of PostgreSQL's COPY: tab-separated, {@code \N} for null, and backslash escapes for
 * backslash, tab, carriage return and newline.
 */
final class CopyText {

    private CopyText() {
    }

    static void row(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            String value = values[i];
            if (value == null) {
                out.append("\\N");
                continue;
            }
            for (int k = 0; k < value.length(); k++) {
                char ch = value.charAt(k);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }
}
