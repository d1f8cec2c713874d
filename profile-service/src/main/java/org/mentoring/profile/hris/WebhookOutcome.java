package org.mentoring.profile.hris;

import java.util.UUID;

/**
 * What became of a webhook delivery: {@code applied}; {@code duplicate} (this webhook-id was received before);
 * {@code stale} (a newer fact about the employee was applied already); {@code unknown_employee} (no such
 * employee yet: a termination, leave or manager change is held, and applied if a created or updated event older
 * than it creates the employee later); {@code erased} (the person's data was erased and is not recreated from a
 * change). A held event later becomes {@code applied} or {@code stale}, or {@code refused} if, read again, it is no
 * longer a valid event about its employee.
 */
public record WebhookOutcome(String webhookId, String outcome, UUID profileId) {
}
