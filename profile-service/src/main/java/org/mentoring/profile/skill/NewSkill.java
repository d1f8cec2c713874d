package org.mentoring.profile.skill;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A skill an HR administrator adds to the catalogue. */
public record NewSkill(
        @NotBlank @Size(max = 100) String name,
        @NotBlank @Size(max = 100) String category,
        @Size(max = 20) List<@NotNull @NotBlank @Size(max = 100) String> aliases) {
}
