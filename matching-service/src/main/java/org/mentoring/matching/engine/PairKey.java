package org.mentoring.matching.engine;

import java.util.Objects;

/** A mentee-mentor pair by id, used for pins, forbidden pairs and pairs that already ended. */
public record PairKey(String menteeId, String mentorId) {
    public PairKey {
        Objects.requireNonNull(menteeId, "menteeId");
        Objects.requireNonNull(mentorId, "mentorId");
    }
}
