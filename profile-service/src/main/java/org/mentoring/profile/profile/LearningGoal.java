package org.mentoring.profile.profile;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Something a person wants to learn (a catalogue skill or a free topic), the level aimed at (1-5), and how much it
 * matters: priority 1 is the most important goal, 5 the least.
 */
public record LearningGoal(
        @NotBlank @Size(max = 100) String skill,
        @NotNull @Min(1) @Max(5) Integer targetLevel,
        @NotNull @Min(1) @Max(5) Integer priority) {
}
