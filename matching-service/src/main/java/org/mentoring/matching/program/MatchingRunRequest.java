package org.mentoring.matching.program;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Pins and forbids to record before computing the run (they also apply to every later run). */
public record MatchingRunRequest(
        @Size(max = 500) List<@Valid @NotNull PairRequest> pins,
        @Size(max = 500) List<@Valid @NotNull PairRequest> forbids) {
}
