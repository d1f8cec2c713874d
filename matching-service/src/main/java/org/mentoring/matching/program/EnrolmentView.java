package org.mentoring.matching.program;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record EnrolmentView(UUID id, UUID programId, UUID profileId, String role, List<EnrolmentGoal> goals,
        Integer capacity, Instant enrolledAt) {

    public static EnrolmentView of(Enrolment e) {
        return new EnrolmentView(e.id, e.programId, e.profileId, e.role, List.copyOf(e.goals), e.capacity, e.enrolledAt);
    }
}
