package org.mentoring.profile.profile;

import java.util.List;
import java.util.UUID;

/**
 * The public directory card of a person, what every employee may see. Contact details, HRIS identifiers, hire
 * date, learning goals, availability and capacity stay private to the person and HR.
 */
public record DirectoryEntry(
        UUID id, String displayName, String jobTitle, String department, String location, String timeZone,
        List<String> languages, Integer level, String gradeLabel, UUID managerId, String status, String bio,
        List<String> openToRoles, List<SkillLevel> skills, List<String> topics, List<String> formats,
        boolean openToRequests) {

    public static DirectoryEntry of(Profile p) {
        return new DirectoryEntry(p.id, p.displayName, p.jobTitle, p.department, p.location, p.timeZone, p.languages,
                p.level, p.gradeLabel, p.managerId, p.status, p.bio, p.openToRoles, p.skills, p.topics, p.formats,
                p.openToRequests);
    }
}
