package org.mentoring.profile.hris;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.mentoring.platform.web.Problem;
import org.mentoring.platform.web.LanguageTags;
import org.mentoring.profile.profile.ProfileFields;

/**
 * One employee as an HRIS states it, after field mapping and validation. {@code present} names the fields the
 * HRIS sent: an update changes those and leaves the others as they are. {@code cleared} names the fields it sent as
 * an explicit JSON null in a webhook event, which an update removes.
 */
public record EmployeeRecord(
        String externalId, String email, String displayName, String jobTitle, String department, String location,
        String timeZone, List<String> languages, Integer level, String gradeLabel, String managerExternalId,
        LocalDate hireDate, String status, Set<String> present, Set<String> cleared) {

    /** The fields an HRIS may remove; an employee always keeps an id, an email, a name and a status. */
    public static final Set<String> CLEARABLE = Set.of("jobTitle", "department", "location", "timeZone", "languages",
            "level", "gradeLabel", "managerExternalId", "hireDate");

    public static final List<String> FIELDS = List.of("externalId", "email", "displayName", "jobTitle", "department",
            "location", "timeZone", "languages", "level", "gradeLabel", "managerExternalId", "hireDate", "status");

    /**
     * The free-text fields and their longest length, as the profile API holds them: display name, job title,
     * department and location 200 characters, the grade label 100.
     */
    private static final int[] LIMITED_TEXT = {2, 3, 4, 5, 9};
    private static final int[] LIMITED_TEXT_LENGTH = {200, 200, 200, 200, 100};
    /** At most this many languages, as the profile API holds them. */
    static final int MAX_LANGUAGES = 20;
    private static final Pattern LANGUAGE = Pattern.compile(LanguageTags.PATTERN);
    private static final Pattern LANGUAGE_SEPARATOR = Pattern.compile("[;|,]");

    /** A parse result: the record, or the reasons it was refused. */
    public record Parsed(EmployeeRecord record, List<Problem.FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * Reads an employee through a mapping. {@code valueOf} gives the raw text under a source key, or null when
     * the HRIS did not send it; a blank value counts as not sent.
     */
    public static Parsed parse(Function<String, String> valueOf, FieldMapping mapping) {
        String[] raw = new String[FIELDS.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = valueOf.apply(mapping.sourceKey(FIELDS.get(i)));
        }
        return parse(raw);
    }

    /**
     * Reads an employee from its raw values in the order of {@link #FIELDS} (null where the HRIS did not send one;
     * a blank value counts as not sent). The array is used up: it holds the stripped values afterwards.
     */
    public static Parsed parse(String[] values) {
        List<Problem.FieldError> errors = new ArrayList<>(0);
        int present = 0;
        for (int i = 0; i < values.length; i++) {
            String raw = values[i];
            if (raw != null && !raw.isBlank()) {
                if (raw.indexOf('\u0000') >= 0) {
                    // PostgreSQL text cannot hold it: refused here, rather than failing the whole import or event.
                    errors.add(error(FIELDS.get(i), "must not contain the character U+0000"));
                    values[i] = null;
                    continue;
                }
                values[i] = raw.strip();
                present |= 1 << i;
            } else {
                values[i] = null;
            }
        }
        String externalId = values[0];
        if (externalId == null) {
            if (errors.isEmpty() || !errors.get(0).field().equals("externalId")) {
                errors.add(error("externalId", "is required"));
            }
        } else if (externalId.length() > 100) {
            errors.add(error("externalId", "must be at most 100 characters"));
        }
        if (values[10] != null && values[10].length() > 100) {
            errors.add(error("managerExternalId", "must be at most 100 characters"));
        }
        String email = values[1];
        if (email != null && (email.length() > 254 || !isEmail(email))) {
            errors.add(error("email", "must be a well-formed email address"));
        }
        for (int k = 0; k < LIMITED_TEXT.length; k++) {
            int i = LIMITED_TEXT[k];
            if (values[i] != null && values[i].length() > LIMITED_TEXT_LENGTH[k]) {
                errors.add(error(FIELDS.get(i), "must be at most " + LIMITED_TEXT_LENGTH[k] + " characters"));
            }
        }
        String timeZone = values[6];
        // A region id of the time zone rules (Europe/Berlin), as the profile API takes: not an offset such as +02:00.
        if (timeZone != null && !ZONE_IDS.contains(timeZone)) {
            errors.add(error("timeZone", "must be an IANA time zone such as Europe/Berlin"));
        }
        List<String> languages = null;
        if (values[7] != null) {
            languages = LANGUAGE_LISTS.get(values[7]);
            if (languages == null) {
                languages = languages(values[7]);
                if (languages != null && LANGUAGE_LISTS.size() < LANGUAGE_LISTS_KEPT) {
                    LANGUAGE_LISTS.putIfAbsent(values[7], languages);
                }
            }
            if (languages == null) {
                errors.add(error("languages", "must be language tags such as en, en-GB or zh-Hant, separated by ';'"));
            } else if (languages.size() > MAX_LANGUAGES) {
                errors.add(error("languages", "must be at most " + MAX_LANGUAGES + " languages"));
            }
        }
        Integer level = null;
        if (values[8] != null) {
            try {
                level = Integer.valueOf(values[8]);
                if (level < 0 || level > 30) {
                    errors.add(error("level", "must be between 0 and 30"));
                }
            } catch (NumberFormatException e) {
                errors.add(error("level", "must be a whole number"));
            }
        }
        LocalDate hireDate = null;
        if (values[11] != null) {
            try {
                hireDate = date(values[11]);
            } catch (DateTimeException e) {
                errors.add(error("hireDate", ProfileFields.DATE_RULE));
            }
        }
        String status = values[12] == null ? null : normalizeStatus(values[12]);
        if (values[12] != null && status == null) {
            errors.add(error("status", "must be active, on_leave or terminated"));
        }
        EmployeeRecord record = new EmployeeRecord(externalId, email, values[2], values[3], values[4], values[5],
                timeZone, languages, level, values[9], values[10], hireDate, status, presentSet(present), Set.of());
        return new Parsed(record, errors.isEmpty() ? List.of() : List.copyOf(errors));
    }

    /** The valid time zone ids of the platform's rules, checked without building a zone each time. */
    private static final Set<String> ZONE_IDS = Set.copyOf(ZoneId.getAvailableZoneIds());

    /**
     * The languages of the values seen so far (an import's rows repeat a few dozen combinations); valid ones only,
     * and no more than {@link #LANGUAGE_LISTS_KEPT}, so that a hostile file cannot fill the memory.
     */
    private static final Map<String, List<String>> LANGUAGE_LISTS = new ConcurrentHashMap<>();
    private static final int LANGUAGE_LISTS_KEPT = 4096;

    /** The sets of fields sent, one per combination, shared by all records that sent the same fields. */
    @SuppressWarnings("unchecked")
    private static final Set<String>[] PRESENT_SETS = new Set[1 << FIELDS.size()];

    private static Set<String> presentSet(int bits) {
        Set<String> set = PRESENT_SETS[bits];
        if (set == null) {
            Set<String> fields = new TreeSet<>();
            for (int i = 0; i < FIELDS.size(); i++) {
                if ((bits & (1 << i)) != 0) {
                    fields.add(FIELDS.get(i));
                }
            }
            set = Set.copyOf(fields);
            PRESENT_SETS[bits] = set;
        }
        return set;
    }

    /**
     * Tags in another case or with '_' (en_US) are taken in their canonical form; each language once. Null when one
     * of them is not a language tag.
     */
    private static List<String> languages(String value) {
        List<String> tags = Arrays.stream(LANGUAGE_SEPARATOR.split(value)).map(String::strip).filter(s -> !s.isEmpty())
                .map(l -> LANGUAGE.matcher(l).matches() ? l : LanguageTags.canonical(l)).toList();
        if (tags.contains(null)) {
            return null;
        }
        return tags.size() > 1 ? tags.stream().distinct().toList() : tags;
    }

    /**
     * Something, an '@', and a domain with a dot that neither starts nor ends it; no second '@' and no white space
     * (the pattern {@code [^@\s]+@[^@\s]+\.[^@\s]+}, checked without a regular expression); and, as the profile
     * API has it, no two dots in a row, no dot at either end of the part before the '@', and none at the very end.
     */
    static boolean isEmail(String value) {
        int at = value.indexOf('@');
        if (at <= 0 || value.indexOf('@', at + 1) >= 0 || value.contains("..") || value.charAt(0) == '.'
                || value.charAt(at - 1) == '.' || value.endsWith(".")) {
            return false;
        }
        boolean innerDot = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return false;
            }
            if (c == '.' && i >= at + 2 && i <= value.length() - 2) {
                innerDot = true;
            }
        }
        return innerDot;
    }

    /**
     * An ISO date (2024-03-01) the profile can hold ({@link ProfileFields#storable}): the common shape read directly,
     * any other through the ISO parser.
     */
    private static LocalDate date(String value) {
        LocalDate date = null;
        if (value.length() == 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
            int year = digits(value, 0, 4);
            int month = digits(value, 5, 7);
            int day = digits(value, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                date = LocalDate.of(year, month, day);
            }
        }
        if (date == null) {
            date = LocalDate.parse(value);
        }
        if (!ProfileFields.storable(date)) {
            throw new DateTimeException("year " + date.getYear() + " out of range");
        }
        return date;
    }

    /** The number written by ASCII digits in {@code [from, to)}, or -1 if any is not one. */
    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /**
     * The fields of a JSON employee whose values are of a type no field takes: each is a string or a number (null or
     * absent: not sent), and languages may also be an array of strings. True or false, an object, or an array
     * elsewhere, is refused rather than read as text.
     */
    public static List<Problem.FieldError> jsonTypeErrors(com.fasterxml.jackson.databind.JsonNode employee,
                                                          FieldMapping mapping) {
        List<Problem.FieldError> errors = new ArrayList<>(0);
        for (String field : FIELDS) {
            com.fasterxml.jackson.databind.JsonNode value = employee.get(mapping.sourceKey(field));
            if (value == null || value.isNull() || value.isTextual() || value.isNumber()) {
                continue;
            }
            if (field.equals("languages")) {
                boolean strings = value.isArray();
                for (com.fasterxml.jackson.databind.JsonNode item : value) {
                    strings &= item.isTextual();
                }
                if (!strings) {
                    errors.add(error(field, "must be language tags separated by ';', or an array of them as strings"));
                }
            } else {
                errors.add(error(field, "must be a string or a number"));
            }
        }
        return errors;
    }

    /** The text of a JSON value as an HRIS field: arrays joined with ';', absent and null as null. */
    public static String jsonText(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            return String.join(";", items);
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    public boolean has(String field) {
        return present.contains(field);
    }

    /**
     * This record, with the given fields removed by the HRIS: only those an HRIS may remove ({@link #CLEARABLE}), and
     * not those it also sent a value for.
     */
    public EmployeeRecord clearing(Set<String> fields) {
        Set<String> removed = new TreeSet<>(fields);
        removed.retainAll(CLEARABLE);
        removed.removeAll(present);
        return new EmployeeRecord(externalId, email, displayName, jobTitle, department, location, timeZone, languages,
                level, gradeLabel, managerExternalId, hireDate, status, present, Set.copyOf(removed));
    }

    private static String normalizeStatus(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_')) {
            case "active" -> "active";
            case "on_leave", "leave", "inactive_leave" -> "on_leave";
            case "terminated", "inactive" -> "terminated";
            default -> null;
        };
    }

    private static Problem.FieldError error(String field, String message) {
        return new Problem.FieldError(field, message);
    }
}
