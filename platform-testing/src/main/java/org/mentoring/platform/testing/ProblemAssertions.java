package org.mentoring.platform.testing;

/** Constants for asserting on problem responses. */
public final class ProblemAssertions {

    public static final String PROBLEM_JSON = "application/problem+json";

    private ProblemAssertions() {
    }
}
