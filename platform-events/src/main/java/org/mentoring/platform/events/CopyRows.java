package org.mentoring.platform.events;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * Rows of PostgreSQL COPY text, built directly as UTF-8 bytes: the same format as {@link CopyText}, but a JSON
 * value is written by Jackson straight into the row, escaped on the way, rather than as a string that is then copied,
 * escaped and encoded again. For the outbox's bulk path, where the JSON is most of the bytes.
 */
final class CopyRows {

    private byte[] bytes;
    private int size;
    private boolean rowStarted;
    private final OutputStream escaped = new OutputStream() {
        @Override
        public void write(int b) {
            escape(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            escapeAll(b, off, len);
        }

        @Override
        public void close() {
            // the rows outlive each value written into them
        }
    };

    CopyRows(int capacity) {
        bytes = new byte[capacity];
    }

    /** A text column; null is {@code \N}. */
    void text(String value) {
        separate();
        if (value == null) {
            put((byte) '\\');
            put((byte) 'N');
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        escapeAll(utf8, 0, utf8.length);
    }

    /** Appends the bytes escaped: the runs between special bytes are copied whole. */
    private void escapeAll(byte[] b, int off, int len) {
        ensure(len * 2);
        int end = off + len;
        int run = off;
        for (int i = off; i < end; i++) {
            byte x = b[i];
            if (x == '\\' || x == '\t' || x == '\n' || x == '\r') {
                System.arraycopy(b, run, bytes, size, i - run);
                size += i - run;
                escape(x);
                run = i + 1;
            }
        }
        System.arraycopy(b, run, bytes, size, end - run);
        size += end - run;
    }

    /**
     * The writer for {@link #json}: {@code mapper}'s, except that a character outside the Basic Multilingual Plane
     * (an emoji) is written as its UTF-8 bytes, as {@code writeValueAsString} leaves it, rather than as an escaped
     * surrogate pair: the same text on both of the outbox's paths.
     */
    static ObjectWriter writer(ObjectMapper mapper) {
        return mapper.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    }

    /**
     * A column holding {@code value} as JSON, serialised by a {@link #writer}. If that fails, the row is as it was
     * before the call, so the caller may write the column another way.
     */
    void json(ObjectWriter writer, Object value) throws IOException {
        int start = size;
        boolean started = rowStarted;
        separate();
        try {
            writer.writeValue(escaped, value);
        } catch (IOException e) {
            size = start;
            rowStarted = started;
            throw e;
        }
    }

    void endRow() {
        put((byte) '\n');
        rowStarted = false;
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    private void separate() {
        if (rowStarted) {
            put((byte) '\t');
        }
        rowStarted = true;
    }

    // A UTF-8 multi-byte sequence has only bytes of 0x80 and above, so escaping byte by byte is exact.
    private void escape(int b) {
        switch (b) {
            case '\\' -> { put((byte) '\\'); put((byte) '\\'); }
            case '\t' -> { put((byte) '\\'); put((byte) 't'); }
            case '\n' -> { put((byte) '\\'); put((byte) 'n'); }
            case '\r' -> { put((byte) '\\'); put((byte) 'r'); }
            default -> put((byte) b);
        }
    }

    private void put(byte b) {
        if (size == bytes.length) {
            ensure(1);
        }
        bytes[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
