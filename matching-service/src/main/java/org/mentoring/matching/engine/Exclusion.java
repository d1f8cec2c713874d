package org.mentoring.matching.engine;

/** Why a pair breaks a hard constraint and is never proposed. */
public enum Exclusion {
    SELF,
    MANAGEMENT_CHAIN,
    NO_SHARED_LANGUAGE,
    NO_CAPACITY,
    NOT_ELIGIBLE,
    PAIR_ENDED
}
