package org.mentoring.profile.profile;

/**
 * Filters of a directory search. All are optional and combine with AND; {@code status} defaults to active.
 */
public record ProfileQuery(
        String q, String skill, String department, String location, Integer levelMin, Integer levelMax, String role,
        Boolean openToRequests, String language, String status, String cursor, int limit) {
}
