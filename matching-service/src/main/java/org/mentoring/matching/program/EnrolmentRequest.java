package org.mentoring.matching.program;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Enrolling in a programme. {@code profileId} is for admins enrolling someone else; an employee enrols
 * themself. Mentees bring goals, mentors may set how many mentees they take (the programme default otherwise).
 */
public record EnrolmentRequest(
        UUID profileId,
        @NotNull @Pattern(regexp = "mentor|mentee|peer", message = "must be mentor, mentee or peer") String role,
        @Size(max = 10) List<@Valid @NotNull EnrolmentGoal> goals,
        @Min(1) @Max(50) Integer capacity) {
}
