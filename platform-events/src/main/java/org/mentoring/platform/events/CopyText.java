package org.mentoring.platform.events;

/**
 * Rows in the text format of PostgreSQL's COPY: tab-separated, {@code \N} for null, and backslash escapes for
 * backslash, tab, carriage return and newline. Bulk writers (the outbox, an HRIS import's staging) stream these
 * rather than binding parameters row by row.
 */
public final class CopyText {

    private CopyText() {
    }

    public static void row(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            String value = values[i];
            if (value == null) {
                out.append("\\N");
                continue;
            }
            int plain = 0;
            while (plain < value.length() && !special(value.charAt(plain))) {
                plain++;
            }
            if (plain == value.length()) {
                // Nothing to escape, the usual case: one copy of the whole value.
                out.append(value);
                continue;
            }
            out.append(value, 0, plain);
            for (int k = plain; k < value.length(); k++) {
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

    private static boolean special(char ch) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
    }
}
