package org.mentoring.profile.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.mentoring.profile.profile.AvailabilityWindow;

/**
 * The data of the {@code mentoring.profile.*.v1} events: the state other services need to match people, schedule
 * sessions and address feedback, and nothing else (no bio, no hire date). Erased events carry only
 * {@code profileId} and {@code version}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileEventData(
        UUID profileId, String externalId, String displayName, String email, String jobTitle, String department,
        String location, String timeZone, List<String> languages, Integer level, String gradeLabel, UUID managerId,
        List<UUID> managementChain, String status, List<String> openToRoles, List<Skill> skills, List<Goal> goals,
        List<String> topics, Integer capacity, Boolean openToRequests, List<AvailabilityWindow> availability,
        List<String> formats, long version, Instant changedAt) {

    public record Skill(String skill, int proficiency) {
    }

    public record Goal(String skill, int targetLevel, int priority) {
    }

    public static ProfileEventData erased(UUID profileId, long version) {
        return new ProfileEventData(profileId, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, version, null);
    }
}
