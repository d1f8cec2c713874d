package org.mentoring.matching.program;

import java.util.Map;
import java.util.Set;

/**
 * A programme's life: drafted, open for enrolment, being matched, running (a run was published), closed.
 * Matching may go back to enrolling (to let late people in); running is reached only by publishing a run.
 */
public final class ProgramStatus {

    public static final String DRAFT = "draft";
    public static final String ENROLLING = "enrolling";
    public static final String MATCHING = "matching";
    public static final String RUNNING = "running";
    public static final String CLOSED = "closed";

    /** The transitions an admin may ask for by changing the status field. */
    private static final Map<String, Set<String>> BY_REQUEST = Map.of(
            DRAFT, Set.of(ENROLLING, CLOSED),
            ENROLLING, Set.of(MATCHING, CLOSED),
            MATCHING, Set.of(ENROLLING, CLOSED),
            RUNNING, Set.of(CLOSED),
            CLOSED, Set.of());

    private ProgramStatus() {
    }

    public static boolean mayRequest(String from, String to) {
        return from.equals(to) || BY_REQUEST.getOrDefault(from, Set.of()).contains(to);
    }

    /** People may be enrolled or removed (by admins) until the programme runs. */
    public static boolean acceptsEnrolmentChanges(String status) {
        return DRAFT.equals(status) || ENROLLING.equals(status) || MATCHING.equals(status);
    }

    /** Matching runs are computed while enrolling or matching. */
    public static boolean acceptsRuns(String status) {
        return ENROLLING.equals(status) || MATCHING.equals(status);
    }
}
