package org.mentoring.profile.profile;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.mentoring.platform.web.LanguageTags;

/**
 * The writable document of a profile: the body of a create, and the document a JSON Merge Patch applies to.
 * Who may change which field is decided by {@link FieldRights}.
 */
public record ProfileFields(
        @Size(max = 100) String externalId,
        @Email @Size(max = 254) String email,
        @Size(min = 1, max = 200) String displayName,
        @Size(max = 200) String jobTitle,
        @Size(max = 200) String department,
        @Size(max = 200) String location,
        @Size(max = 64) String timeZone,
        @Size(max = 20) List<@NotNull @Pattern(regexp = LanguageTags.PATTERN, message = LanguageTags.INVALID) String> languages,
        @Min(0) @Max(30) Integer level,
        @Size(max = 100) String gradeLabel,
        UUID managerId,
        LocalDate hireDate,
        @Pattern(regexp = ProfileStatus.SETTABLE, message = "must be active, on_leave or terminated") String status,
        @Size(max = 2000) String bio,
        @Size(max = 3) List<@NotNull @Pattern(regexp = "mentor|mentee|peer", message = "must be mentor, mentee or peer") String> openToRoles,
        @Size(max = 50) List<@NotNull @Valid SkillLevel> skills,
        @Size(max = 20) List<@NotNull @Valid LearningGoal> goals,
        @Size(max = 20) List<@NotNull @Size(min = 1, max = 60) String> topics,
        @Min(0) @Max(20) Integer capacity,
        @Size(max = 28) List<@NotNull @Valid AvailabilityWindow> availability,
        @Size(max = 3) List<@NotNull @Pattern(regexp = "video|in_person|chat", message = "must be video, in_person or chat") String> formats,
        Boolean openToRequests) {

    /** What a date field takes, said to whoever sends one it does not. */
    public static final String DATE_RULE = "must be a date such as 2024-03-01, in the years 1 to 9999";

    /**
     * Whether a profile can hold the date: years 1 to 9999. The database has no year 0, and a year past 9999 is written
     * with a sign it does not read.
     */
    public static boolean storable(LocalDate date) {
        return date.getYear() >= 1 && date.getYear() <= 9999;
    }

    /** Fields that HR (or the HRIS) owns; a person cannot change them on their own profile. */
    public static final Set<String> HR_FIELDS = Set.of("externalId", "email", "displayName", "jobTitle", "department",
            "location", "level", "gradeLabel", "managerId", "hireDate", "status");

    /** Fields a person edits on their own profile: bio, time zone, languages and mentoring preferences. */
    public static final Set<String> PERSONAL_FIELDS = Set.of("timeZone", "languages", "bio", "openToRoles", "skills",
            "goals", "topics", "capacity", "availability", "formats", "openToRequests");

    /** The fields that hold a value, by name. */
    public java.util.SortedSet<String> sentFields() {
        java.util.SortedSet<String> sent = new java.util.TreeSet<>();
        for (java.lang.reflect.RecordComponent component : ProfileFields.class.getRecordComponents()) {
            try {
                if (component.getAccessor().invoke(this) != null) {
                    sent.add(component.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return sent;
    }

    /**
     * Values that are there but only white space: an employee id, email or name of spaces, or a topic of spaces
     * (stored trimmed, it would be an empty topic), is no value. Field paths as the validator names them.
     */
    public java.util.List<String> blankValues() {
        java.util.List<String> blank = new java.util.ArrayList<>();
        if (externalId != null && externalId.isBlank()) {
            blank.add("externalId");
        }
        if (email != null && email.isBlank()) {
            blank.add("email");
        }
        if (displayName != null && displayName.isBlank()) {
            blank.add("displayName");
        }
        if (topics != null) {
            for (int i = 0; i < topics.size(); i++) {
                if (topics.get(i) != null && topics.get(i).isBlank()) {
                    blank.add("topics[" + i + "]");
                }
            }
        }
        return blank;
    }

    /**
     * The free-text values holding the character U+0000, which PostgreSQL's text cannot store: named here, so that
     * the answer is a field error rather than the database's refusal of the whole request.
     */
    public java.util.List<String> valuesWithNul() {
        java.util.List<String> found = new java.util.ArrayList<>();
        String[][] texts = {{"externalId", externalId}, {"email", email}, {"displayName", displayName},
            {"jobTitle", jobTitle}, {"department", department}, {"location", location}, {"gradeLabel", gradeLabel},
            {"bio", bio}};
        for (String[] text : texts) {
            if (hasNul(text[1])) {
                found.add(text[0]);
            }
        }
        for (int i = 0; topics != null && i < topics.size(); i++) {
            if (hasNul(topics.get(i))) {
                found.add("topics[" + i + "]");
            }
        }
        for (int i = 0; skills != null && i < skills.size(); i++) {
            if (skills.get(i) != null && hasNul(skills.get(i).skill())) {
                found.add("skills[" + i + "].skill");
            }
        }
        for (int i = 0; goals != null && i < goals.size(); i++) {
            if (goals.get(i) != null && hasNul(goals.get(i).skill())) {
                found.add("goals[" + i + "].skill");
            }
        }
        return found;
    }

    private static boolean hasNul(String value) {
        return value != null && value.indexOf('\u0000') >= 0;
    }

    public static ProfileFields of(Profile p) {
        return new ProfileFields(p.externalId, p.email, p.displayName, p.jobTitle, p.department, p.location, p.timeZone,
                p.languages, p.level, p.gradeLabel, p.managerId, p.hireDate, p.status, p.bio, p.openToRoles, p.skills,
                p.goals, p.topics, p.capacity, p.availability, p.formats, p.openToRequests);
    }
}
