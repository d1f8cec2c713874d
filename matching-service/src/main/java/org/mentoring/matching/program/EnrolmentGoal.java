package org.mentoring.matching.program;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A skill a mentee wants to grow in this programme: priority 1-3 (3 matters most) and the proficiency (1-5) hoped
 * for in a mentor, 3 when not given.
 */
public record EnrolmentGoal(
        @NotBlank @Size(max = 100) String skill,
        @Min(1) @Max(3) Integer priority,
        @Min(1) @Max(5) Integer targetLevel) {

    public EnrolmentGoal {
        skill = skill == null ? null : skill.strip();
        priority = priority == null ? 2 : priority;
        targetLevel = targetLevel == null ? 3 : targetLevel;
    }
}
