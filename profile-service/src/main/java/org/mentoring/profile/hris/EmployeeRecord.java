package org.mentoring.profile.hris;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.mentoring.platform.web.Problem;
import org.mentoring.profile.profile.LanguageTags;

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

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
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
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> present = new TreeSet<>();
        String[] values = new String[FIELDS.size()];
        for (int i = 0; i < FIELDS.size(); i++) {
            String raw = valueOf.apply(mapping.sourceKey(FIELDS.get(i)));
            if (raw != null && !raw.isBlank()) {
                values[i] = raw.strip();
                present.add(FIELDS.get(i));
            }
        }
        String externalId = values[0];
        if (externalId == null) {
            errors.add(error("externalId", "is required"));
        } else if (externalId.length() > 100) {
            errors.add(error("externalId", "must be at most 100 characters"));
        }
        String email = values[1];
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            errors.add(error("email", "must be a well-formed email address"));
        }
        for (int i : new int[] {2, 3, 4, 5, 9}) {
            if (values[i] != null && values[i].length() > 200) {
                errors.add(error(FIELDS.get(i), "must be at most 200 characters"));
            }
        }
        String timeZone = values[6];
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                errors.add(error("timeZone", "must be an IANA time zone such as Europe/Berlin"));
            }
        }
        List<String> languages = null;
        if (values[7] != null) {
            // Tags in another case or with '_' (en_US) are taken in their canonical form; each language once.
            languages = Arrays.stream(LANGUAGE_SEPARATOR.split(values[7])).map(String::strip).filter(s -> !s.isEmpty())
                    .map(l -> LANGUAGE.matcher(l).matches() ? l : LanguageTags.canonical(l)).toList();
            if (languages.contains(null)) {
                errors.add(error("languages", "must be language tags such as en, en-GB or zh-Hant, separated by ';'"));
            } else if (languages.size() > 1) {
                languages = languages.stream().distinct().toList();
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
                hireDate = LocalDate.parse(values[11]);
            } catch (DateTimeException e) {
                errors.add(error("hireDate", "must be a date such as 2024-03-01"));
            }
        }
        String status = values[12] == null ? null : normalizeStatus(values[12]);
        if (values[12] != null && status == null) {
            errors.add(error("status", "must be active, on_leave or terminated"));
        }
        EmployeeRecord record = new EmployeeRecord(externalId, email, values[2], values[3], values[4], values[5],
                timeZone, languages, level, values[9], values[10], hireDate, status, Set.copyOf(present), Set.of());
        return new Parsed(record, List.copyOf(errors));
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

    /** This record, with the given fields removed by the HRIS (those it also sent a value for are kept). */
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
