package org.mentoring.profile.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Everything on a profile, as the person themself, HR and the HRIS integration see it. */
public record ProfileView(
        UUID id, String externalId, String email, String displayName, String jobTitle, String department,
        String location, String timeZone, List<String> languages, Integer level, String gradeLabel, UUID managerId,
        LocalDate hireDate, String status, String bio, List<String> openToRoles, List<SkillLevel> skills,
        List<LearningGoal> goals, List<String> topics, int capacity, List<AvailabilityWindow> availability,
        List<String> formats, boolean openToRequests, long version, Instant createdAt, Instant updatedAt) {

    public static ProfileView of(Profile p) {
        return new ProfileView(p.id, p.externalId, p.email, p.displayName, p.jobTitle, p.department, p.location,
                p.timeZone, p.languages, p.level, p.gradeLabel, p.managerId, p.hireDate, p.status, p.bio, p.openToRoles,
                p.skills, p.goals, p.topics, p.capacity, p.availability, p.formats, p.openToRequests, p.version,
                p.createdAt, p.updatedAt);
    }
}
