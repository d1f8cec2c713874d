package org.mentoring.profile.hris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mentoring.platform.web.Problem;

class HrisRecordsTest {

    @Test
    void csvReaderHandlesQuotesEmbeddedNewlinesAndCrLf() {
        List<String> seen = new ArrayList<>();
        CsvReader.read("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n1,,3", (line, row) ->
                seen.add(line + ":" + String.join("|", row.fields())));
        assertEquals(List.of("1:a|b|c", "2:x, y|say \"hi\"|two\nlines", "5:1||3"), seen);
        assertEquals(3, CsvReader.count("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n1,,3"),
                "counted without parsing, the same records");
        assertEquals(2, CsvReader.count("h\n,\n\r\n"), "a lone comma is a record of two empty fields");
        assertEquals(1, CsvReader.count("\"\"\n"));
        assertEquals(0, CsvReader.count("\n\r\n"));
    }

    @Test
    void csvReaderGivesEachRecordsTextAsInTheFile() {
        String text = "h1,h2\r\nplain,row\n\"quoted, one\",x\r\nlone,cr\rlast,\"two\nlines\"";
        List<String> raw = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        CsvReader.read(text, (line, row) -> {
            raw.add(line + ":" + row.text().substring(row.start(), row.end()));
            fields.add(row.size() + ":" + row.get(row.size() - 1));
        });
        assertEquals(List.of("1:h1,h2", "2:plain,row", "3:\"quoted, one\",x", "4:lone,cr", "5:last,\"two\nlines\""), raw);
        assertEquals(List.of("2:h2", "2:row", "2:x", "2:cr", "2:two\nlines"), fields);
        assertThrows(IndexOutOfBoundsException.class, () -> CsvReader.read("a,b\n", (line, row) -> row.get(2)));
        List<String> many = new ArrayList<>();
        CsvReader.read(",".repeat(40) + "end\n", (line, row) -> many.add(row.size() + ":" + row.get(40) + ":" + row.get(0)));
        assertEquals(List.of("41:end:"), many, "a record of more fields than the reader first makes room for");
        List<String> mixed = new ArrayList<>();
        CsvReader.read("one\ntwo\nx,y\nthree\n\"q,r\",s\nfour,\nfive", (line, row) -> mixed.add(String.join("|", row.fields())));
        assertEquals(List.of("one", "two", "x|y", "three", "q,r|s", "four|", "five"), mixed,
                "lines without commas between lines with them");
    }

    @Test
    void csvReaderRefusesAnUnclosedQuote() {
        assertThrows(IllegalArgumentException.class, () -> CsvReader.read("a,\"b\n", (l, f) -> { }));
        assertThrows(IllegalArgumentException.class, () -> CsvReader.count("a,\"b\n"), "counting fails alike");
    }

    @Test
    void employeeRecordsMapSourceKeysAndValidate() {
        Map<String, String> workday = Map.of("Employee_ID", "W1", "Email_Address", "w1@example.com",
                "Preferred_Name", "Wen", "Hire_Date", "2020-02-29", "Languages", "en; zh", "Job_Level", "6",
                "Worker_Status", "On Leave");
        EmployeeRecord.Parsed parsed = EmployeeRecord.parse(workday::get, FieldMapping.workday);
        assertTrue(parsed.ok(), parsed.errors().toString());
        EmployeeRecord e = parsed.record();
        assertEquals("W1", e.externalId());
        assertEquals(LocalDate.of(2020, 2, 29), e.hireDate());
        assertEquals(List.of("en", "zh"), e.languages());
        assertEquals(6, e.level());
        assertEquals("on_leave", e.status());
        assertTrue(e.has("email"));
        assertFalse(e.has("department"));

        Map<String, String> bad = Map.of("email", "nope", "level", "high", "timeZone", "Nowhere/Land",
                "hireDate", "31/12/2020", "status", "retired");
        Set<String> fields = new java.util.TreeSet<>();
        EmployeeRecord.parse(bad::get, FieldMapping.standard).errors().stream().map(Problem.FieldError::field)
                .forEach(fields::add);
        assertEquals(Set.of("externalId", "email", "level", "timeZone", "hireDate", "status"), fields);
    }

    @Test
    void languagesArriveInTheirCanonicalFormOnceEach() {
        Map<String, String> sent = Map.of("externalId", "L1", "languages", "EN; en_us; zh-hant; es-419; sr-latn-rs; en");
        EmployeeRecord.Parsed parsed = EmployeeRecord.parse(sent::get, FieldMapping.standard);
        assertTrue(parsed.ok(), parsed.errors().toString());
        assertEquals(List.of("en", "en-US", "zh-Hant", "es-419", "sr-Latn-RS"), parsed.record().languages());
        for (String bad : new String[] {"english", "e", "en-", "en-GB-x", "en-1234", "12"}) {
            Map<String, String> refused = Map.of("externalId", "L2", "languages", "en;" + bad);
            assertEquals(List.of("languages"), EmployeeRecord.parse(refused::get, FieldMapping.standard).errors().stream()
                    .map(Problem.FieldError::field).toList(), bad);
        }
    }

    @Test
    void newerFactsWinByTimeThenSequence() {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        assertTrue(HrisEvent.isNewer(t, null, null, null));
        assertTrue(HrisEvent.isNewer(t.plusSeconds(1), null, t, 9L));
        assertFalse(HrisEvent.isNewer(t.minusSeconds(1), 99L, t, 1L));
        assertTrue(HrisEvent.isNewer(t, 2L, t, 1L));
        assertFalse(HrisEvent.isNewer(t, 1L, t, 1L));
        assertTrue(HrisEvent.isNewer(t, null, t, null));
        assertFalse(HrisEvent.isNewer(t, null, t, 0L));
        assertTrue(HrisEvent.isNewer(t, 0L, t, null));
    }

    @Test
    void anEmailIsHeldToWhatTheProfileApiTakes() {
        for (String ok : new String[] {"ana.lopez@example.com", "a+b@x.co", "o'neil@mail.example.org"}) {
            org.junit.jupiter.api.Assertions.assertTrue(EmployeeRecord.isEmail(ok), ok);
        }
        for (String refused : new String[] {"x@example..com", "a..b@x.com", ".a@x.com", "a.@x.com", "a@b", "a@.com",
                "a@x.com.", "a b@x.com", "a@b@x.com", "@x.com"}) {
            org.junit.jupiter.api.Assertions.assertFalse(EmployeeRecord.isEmail(refused), refused);
        }
    }
}
