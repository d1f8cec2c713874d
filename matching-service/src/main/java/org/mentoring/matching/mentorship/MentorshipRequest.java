package org.mentoring.matching.mentorship;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An informal request: whom the caller asks, for which kind of mentoring, with a message only the two of them
 * read, and optionally the goals (skills) it is about.
 */
public record MentorshipRequest(
        @NotNull UUID mentorId,
        @Pattern(regexp = "classic|peer|reverse", message = "must be classic, peer or reverse") String kind,
        @NotBlank @Size(max = 2000) String message,
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> goalSkills) {
}
