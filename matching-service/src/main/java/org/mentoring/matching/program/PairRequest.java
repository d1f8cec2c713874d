package org.mentoring.matching.program;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** A mentee-mentor pair to pin or forbid (in a peer programme, two peers). */
public record PairRequest(@NotNull UUID menteeId, @NotNull UUID mentorId) {
}
