package org.mentoring.profile.hris;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, double quotes around fields that hold commas, quotes or line
 * breaks, doubled quotes inside them, CRLF, LF or CR line ends. A quote opens a quoted field only at the field's start
 * (spaces before it aside); inside an unquoted field it is a character like any other, so that one stray quote cannot
 * run a record into the lines after it. Calls back once per record with its first line
 * number. A line without quotes is cut at its commas directly, and a field of it becomes a string only when asked
 * for; a quote sends its record through a reader that goes character by character.
 */
public final class CsvReader {

    /** Receives each record. */
    public interface RecordHandler {
        /** {@code row} is reused for the next record: what is kept of it must be copied out. */
        void record(int line, Row row);
    }

    /** One record: its fields, and where its text lies in the file (line end left out). */
    public static final class Row {
        private final String text;
        private int start;
        private int end;
        /** Unquoted records: field i lies between {@code cuts[i]} and {@code cuts[i + 1] - 1}. */
        private int[] cuts = new int[32];
        private int size;
        /** Quoted records: their fields, unquoted. */
        private List<String> built;

        private Row(String text) {
            this.text = text;
        }

        public int size() {
            return size;
        }

        public String get(int field) {
            if (field < 0 || field >= size) {
                throw new IndexOutOfBoundsException(field);
            }
            return built != null ? built.get(field) : text.substring(cuts[field], cuts[field + 1] - 1);
        }

        public List<String> fields() {
            List<String> fields = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                fields.add(get(i));
            }
            return fields;
        }

        /** The file's text, which {@link #start} and {@link #end} index. */
        public String text() {
            return text;
        }

        public int start() {
            return start;
        }

        public int end() {
            return end;
        }
    }

    private final String text;
    private final int n;
    private final RecordHandler handler;
    private final Row row;
    private int pos;
    private int line = 1;
    /** The first quote and the first carriage return at or after {@link #pos} (n when there is none). */
    private int nextQuote = -1;
    private int nextCr = -1;
    /** The first comma at or after the field being cut (n when there is none). */
    private int nextComma = -1;
    private int records;

    private CsvReader(String text, RecordHandler handler) {
        this.text = text;
        this.n = text.length();
        this.handler = handler;
        this.row = new Row(text);
    }

    /**
     * How many records {@link #read} reports for the text, found without building them: an import states its total
     * before the long part starts, so that its progress reads as a fraction from the first poll.
     */
    public static int count(String text) {
        CsvReader reader = new CsvReader(text, null);
        reader.run();
        return reader.records;
    }

    /** Parses the text; throws {@link IllegalArgumentException} with the line number on an unclosed quote. */
    public static void read(String text, RecordHandler handler) {
        new CsvReader(text, handler).run();
    }

    private void run() {
        while (pos < n) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = n;
            }
            if (nextQuote < pos) {
                nextQuote = find('"');
            }
            if (nextCr < pos) {
                nextCr = find('\r');
            }
            // A CR right before the LF is part of the line end; any other CR ends a line itself (slow path).
            boolean crlf = nextCr == end - 1 && end < n;
            if (nextQuote < end || (nextCr < end && !crlf)) {
                slowRecord();
                continue;
            }
            int stop = crlf ? end - 1 : end;
            if (stop > pos) {
                records++;
                if (handler != null) {
                    cut(pos, stop);
                    handler.record(line, row);
                }
            }
            pos = end + 1;
            line++;
        }
    }

    private int find(char c) {
        int at = text.indexOf(c, pos);
        return at < 0 ? n : at;
    }

    /** Marks the fields of an unquoted record between {@code from} and {@code to}. */
    private void cut(int from, int to) {
        row.start = from;
        row.end = to;
        row.built = null;
        int[] cuts = row.cuts;
        int size = 0;
        cuts[0] = from;
        while (true) {
            // The next comma of the file is looked for once, not again for every line before it.
            if (nextComma < cuts[size]) {
                int at = text.indexOf(',', cuts[size]);
                nextComma = at < 0 ? n : at;
            }
            int comma = Math.min(nextComma, to);
            if (size + 2 > cuts.length) {
                cuts = java.util.Arrays.copyOf(cuts, cuts.length * 2);
                row.cuts = cuts;
            }
            cuts[++size] = comma + 1;
            if (comma == to) {
                row.size = size;
                return;
            }
        }
    }

    /** Reads one record character by character from {@link #pos}, quotes and all, up to and past its line end. */
    private void slowRecord() {
        boolean build = handler != null;
        List<String> fields = build ? new ArrayList<>(16) : null;
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean anyContent = false;
        // Whether the field so far holds nothing but spaces and tabs: only there does a quote open a quoted field.
        boolean blankSoFar = true;
        int recordLine = line;
        int recordStart = pos;
        int i = pos;
        int end = n;
        for (; i < n; i++) {
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
            } else if (c == '"' && blankSoFar) {
                quoted = true;
                anyContent = true;
                blankSoFar = false;
                if (build) {
                    field.setLength(0);
                }
            } else if (c == ',') {
                if (build) {
                    fields.add(field.toString());
                    field.setLength(0);
                }
                anyContent = true;
                blankSoFar = true;
            } else if (c == '\r' || c == '\n') {
                end = i;
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                i++;
                break;
            } else {
                // A quote inside an unquoted field (Ana "Nana" Lopez) is a character of it, as written.
                if (build) {
                    field.append(c);
                }
                anyContent = true;
                blankSoFar &= c == ' ' || c == '\t';
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + recordLine + ": a quoted field is not closed");
        }
        pos = i;
        line++;
        if (anyContent || !field.isEmpty()) {
            records++;
            if (build) {
                fields.add(field.toString());
                row.start = recordStart;
                row.end = end;
                row.built = fields;
                row.size = fields.size();
                handler.record(recordLine, row);
            }
        }
    }
}
