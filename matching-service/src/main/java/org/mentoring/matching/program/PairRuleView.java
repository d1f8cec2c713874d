package org.mentoring.matching.program;

import java.time.Instant;
import java.util.UUID;

/** A pin or forbid that every later run of the programme honours. */
public record PairRuleView(UUID programId, UUID menteeId, UUID mentorId, String rule, Instant createdAt) {

    public static PairRuleView of(PairRule r) {
        return new PairRuleView(r.key.programId(), r.key.menteeId(), r.key.mentorId(), r.rule, r.createdAt);
    }
}
