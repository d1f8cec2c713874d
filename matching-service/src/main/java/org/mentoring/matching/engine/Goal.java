package org.mentoring.matching.engine;

import java.util.Objects;

/**
 * Something a mentee wants to learn: a skill, how much it matters (priority 1-3, 3 highest) and the
 * proficiency (1-5) the mentee hopes a mentor brings.
 */
public record Goal(String skill, int priority, int targetLevel) {
    public Goal {
        Objects.requireNonNull(skill, "skill");
        if (priority < 1 || priority > 3 || targetLevel < 1 || targetLevel > 5) {
            throw new IllegalArgumentException("priority must be 1-3 and target level 1-5");
        }
    }
}
