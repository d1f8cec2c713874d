package org.mentoring.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.junit.jupiter.api.Test;

/** Both writers of PostgreSQL's COPY text agree on the format and escape exactly what it requires. */
class CopyTextTest {

    private static final String AWKWARD = "tab\there\nnew\rline back\\slash \\N é€😀";
    private static final String AWKWARD_ESCAPED = "tab\\there\\nnew\\rline back\\\\slash \\\\N é€😀";

    @Test
    void textRowsEscapeBackslashTabAndLineBreaksAndMarkNull() {
        StringBuilder out = new StringBuilder();
        CopyText.row(out, "plain", null, AWKWARD, "", "\\");
        CopyText.row(out, "second");
        assertEquals("plain\t\\N\t" + AWKWARD_ESCAPED + "\t\t\\\\\nsecond\n", out.toString());
    }

    @Test
    void byteRowsAreTheSameTextAsUtf8WithJsonWrittenInPlace() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("value", AWKWARD);
        data.put("n", 1);
        CopyRows rows = new CopyRows(8);
        rows.text("plain");
        rows.text(null);
        rows.json(CopyRows.writer(mapper), data);
        rows.text(AWKWARD);
        rows.endRow();
        rows.text("second");
        rows.endRow();

        StringBuilder expected = new StringBuilder();
        CopyText.row(expected, "plain", null, mapper.writeValueAsString(data), AWKWARD);
        CopyText.row(expected, "second");
        String written = new String(Arrays.copyOf(rows.bytes(), rows.size()), StandardCharsets.UTF_8);
        assertEquals(expected.toString(), written);
        // JSON escapes the line breaks itself; what is left for COPY is its backslashes, doubled.
        assertEquals(true, written.contains("{\"value\":\"tab\\\\there\\\\nnew\\\\rline back\\\\\\\\slash"), written);

        rows.clear();
        assertEquals(0, rows.size());
    }

    /** A value whose serialisation fails after Jackson has begun writing it. */
    public static final class Unwritable {
        public String getFirst() {
            return "written";
        }

        public String getSecond() {
            throw new IllegalStateException("cannot be read");
        }
    }

    @Test
    void aJsonValueThatFailsLeavesTheRowAsItWas() {
        CopyRows rows = new CopyRows(64);
        rows.text("a");
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> rows.json(CopyRows.writer(new ObjectMapper()), new Unwritable()));
        rows.text("b");
        rows.endRow();
        assertEquals("a\tb\n", new String(Arrays.copyOf(rows.bytes(), rows.size()), StandardCharsets.UTF_8));
    }

    @Test
    void valuesAfterOneAnotherAndAfterAFailureAreEachWrittenWhole() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectWriter writer = CopyRows.writer(mapper);
        CopyRows rows = new CopyRows(16);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("i", i);
            data.put("text", i % 7 == 0 ? AWKWARD : "x".repeat(i * 50));
            if (i == 150) {
                org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                        () -> rows.json(writer, new Unwritable()));
            }
            rows.json(writer, data);
            rows.endRow();
            CopyText.row(expected, mapper.writeValueAsString(data));
        }
        assertEquals(expected.toString(), new String(Arrays.copyOf(rows.bytes(), rows.size()), StandardCharsets.UTF_8));
    }
}
