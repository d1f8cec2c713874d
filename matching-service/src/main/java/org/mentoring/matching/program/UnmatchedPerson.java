package org.mentoring.matching.program;

import java.util.UUID;

/**
 * Someone a run left without a pair, with a reason code and a sentence for the admin.
 *
 * <p>Codes: {@code profile_unavailable}, {@code not_eligible}, {@code no_eligible_mentor}, {@code only_conflicts}
 * (the only mentors left are in the person's management chain, a pair that already ended, or forbidden),
 * {@code no_mentor_with_capacity}, {@code no_beneficial_mentor}, {@code no_compatible_peer}, {@code odd_one_out}.
 */
public record UnmatchedPerson(UUID profileId, String role, String reason, String detail) {
}
