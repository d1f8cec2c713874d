package org.mentoring.matching.engine;

/** What a pairing is for; decides which seniority gap fits. */
public enum MentoringKind {
    /** The mentor is more senior than the mentee. */
    CLASSIC,
    /** Both work at about the same level. */
    PEER,
    /** The mentee is more senior than the mentor (for example a junior teaching a director new tools). */
    REVERSE
}
