package org.mentoring.matching.program;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A programme's editable fields. On create, name and kind are required and absent fields take their defaults;
 * on update, absent (null) fields stay as they are. {@code status} changes follow {@link ProgramStatus}.
 */
public record ProgramFields(
        @Size(min = 1, max = 200) String name,
        @Size(max = 4000) String description,
        @Pattern(regexp = "one_to_one|peer|reverse|group", message = "must be one_to_one, peer, reverse or group") String kind,
        @Pattern(regexp = "draft|enrolling|matching|running|closed",
                message = "must be draft, enrolling, matching, running or closed") String status,
        LocalDate startsOn,
        LocalDate endsOn,
        OffsetDateTime opensAt,
        OffsetDateTime closesAt,
        @Valid Eligibility eligibility,
        @Valid ProgramWeights weights,
        @Min(1) @Max(50) Integer mentorCapacity,
        @Min(2) @Max(50) Integer groupSize,
        @Pattern(regexp = "OPTIMAL|STABLE|PEER", message = "must be OPTIMAL, STABLE or PEER") String algorithm,
        @Size(max = 50) List<@NotNull UUID> adminIds) {
}
