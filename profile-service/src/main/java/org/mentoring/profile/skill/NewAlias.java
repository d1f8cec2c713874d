package org.mentoring.profile.skill;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Another name for an existing skill. */
public record NewAlias(@NotBlank @Size(max = 100) String alias) {
}
