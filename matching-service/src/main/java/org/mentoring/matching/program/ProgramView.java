package org.mentoring.matching.program;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A programme as its admins see it. */
public record ProgramView(UUID id, String name, String description, String kind, String status, LocalDate startsOn,
        LocalDate endsOn, Instant opensAt, Instant closesAt, Eligibility eligibility, ProgramWeights weights,
        int mentorCapacity, int groupSize, String algorithm, List<UUID> adminIds, long version, Instant createdAt,
        Instant changedAt) {

    public static ProgramView of(Program p) {
        return new ProgramView(p.id, p.name, p.description, p.kind, p.status, p.startsOn, p.endsOn, p.opensAt,
                p.closesAt, p.eligibility, p.weights, p.mentorCapacity, p.groupSize, p.algorithm, List.copyOf(p.adminIds),
                p.version, p.createdAt, p.changedAt);
    }
}
