package org.mentoring.profile.hris;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, double quotes around fields that hold commas, quotes or line
 * breaks, doubled quotes inside them, CRLF or LF line ends. Calls back once per record with its first line number.
 */
public final class CsvReader {

    /** Receives each record. */
    public interface RecordHandler {
        void record(int line, List<String> fields);
    }

    private CsvReader() {
    }

    /**
     * How many records {@link #read} reports for the text, found without building them: an import states its total
     * before the long part starts, so that its progress reads as a fraction from the first poll.
     */
    public static int count(CharSequence text) {
        return scan(text, null);
    }

    /** Parses the text; throws {@link IllegalArgumentException} with the line number on an unclosed quote. */
    public static void read(CharSequence text, RecordHandler handler) {
        scan(text, handler);
    }

    /** Reads the records, building and handing them on unless {@code handler} is null; returns how many. */
    private static int scan(CharSequence text, RecordHandler handler) {
        boolean build = handler != null;
        int records = 0;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean anyContent = false;
        int line = 1;
        int recordLine = 1;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        if (build) {
                            field.append('"');
                        }
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    if (build) {
                        field.append(c);
                    }
                }
            } else if (c == '"') {
                quoted = true;
                anyContent = true;
            } else if (c == ',') {
                if (build) {
                    fields.add(field.toString());
                    field.setLength(0);
                }
                anyContent = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (anyContent || !field.isEmpty()) {
                    records++;
                    if (build) {
                        fields.add(field.toString());
                        handler.record(recordLine, fields);
                        fields = new ArrayList<>();
                    }
                }
                field.setLength(0);
                anyContent = false;
                line++;
                recordLine = line;
            } else {
                if (build) {
                    field.append(c);
                }
                anyContent = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + recordLine + ": a quoted field is not closed");
        }
        if (anyContent || !field.isEmpty()) {
            records++;
            if (build) {
                fields.add(field.toString());
                handler.record(recordLine, fields);
            }
        }
        return records;
    }
}
