package org.mentoring.matching.program;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Who may take part: empty lists and absent levels mean no restriction. Departments and locations compare
 * without regard to case.
 */
public record Eligibility(
        @Size(max = 100) List<@NotBlank String> departments,
        @Min(0) @Max(20) Integer levelMin,
        @Min(0) @Max(20) Integer levelMax,
        @Size(max = 100) List<@NotBlank String> locations) {

    public static final Eligibility ANYONE = new Eligibility(List.of(), null, null, List.of());

    public Eligibility {
        departments = departments == null ? List.of() : List.copyOf(departments);
        locations = locations == null ? List.of() : List.copyOf(locations);
    }

    /** Why a person with these facts is not eligible, or null when they are. */
    public String refusal(String department, Integer level, String location) {
        if (!departments.isEmpty() && (department == null
                || departments.stream().noneMatch(department::equalsIgnoreCase))) {
            return "the programme is open to the departments " + String.join(", ", departments) + " only";
        }
        if (levelMin != null && (level == null || level < levelMin)) {
            return "the programme is open from level " + levelMin;
        }
        if (levelMax != null && (level == null || level > levelMax)) {
            return "the programme is open up to level " + levelMax;
        }
        if (!locations.isEmpty() && (location == null || locations.stream().noneMatch(location::equalsIgnoreCase))) {
            return "the programme is open to the locations " + String.join(", ", locations) + " only";
        }
        return null;
    }
}
