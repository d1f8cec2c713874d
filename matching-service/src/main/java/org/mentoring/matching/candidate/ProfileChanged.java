package org.mentoring.matching.candidate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What matching reads from profile events (created, updated, deactivated); other fields of the event are ignored.
 * Declared here, not shared with profile-service: the catalogue in docs/asyncapi.yaml is the contract.
 */
public record ProfileChanged(
        UUID profileId,
        String externalId,
        String email,
        String displayName,
        String jobTitle,
        String department,
        String location,
        String timeZone,
        List<String> languages,
        Integer level,
        String gradeLabel,
        UUID managerId,
        List<UUID> managementChain,
        String status,
        List<String> openToRoles,
        List<Skill> skills,
        List<Goal> goals,
        List<String> topics,
        Integer capacity,
        Boolean openToRequests,
        List<Availability> availability,
        long version,
        OffsetDateTime changedAt) {

    public record Skill(String skill, int proficiency) {
    }

    public record Goal(String skill, Integer targetLevel, Integer priority) {
    }

    public record Availability(String day, String start, String end) {
    }

    /** Erasure carries only the id and the version. */
    public record Erased(UUID profileId, long version) {
    }
}
