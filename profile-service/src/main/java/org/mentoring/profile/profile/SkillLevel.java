package org.mentoring.profile.profile;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A skill a person has, with proficiency from 1 (beginner) to 5 (expert). */
public record SkillLevel(
        @NotBlank @Size(max = 100) String skill,
        @NotNull @Min(1) @Max(5) Integer proficiency) {
}
