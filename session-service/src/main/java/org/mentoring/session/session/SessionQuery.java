package org.mentoring.session.session;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Filters of the session list; every one is optional. */
public record SessionQuery(UUID mentorshipId, UUID participant, OffsetDateTime from, OffsetDateTime to,
                           SessionStatus status, String cursor, int limit) {
}
