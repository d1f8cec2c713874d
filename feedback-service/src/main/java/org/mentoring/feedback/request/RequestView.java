package org.mentoring.feedback.request;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A feedback request as its addressee sees it. */
public record RequestView(UUID id, String kind, String status, UUID aboutProfileId, String yourRole,
                          UUID mentorshipId, UUID sessionId, UUID programId, OffsetDateTime createdAt,
                          OffsetDateTime expiresAt) {

    public static RequestView of(FeedbackRequest r) {
        return new RequestView(r.id(), r.kind(), r.status(), r.aboutProfileId(), r.authorRole(), r.mentorshipId(),
                r.sessionId(), r.programId(), r.createdAt(), r.expiresAt());
    }

    /** A page of requests, newest first; pass {@code nextCursor} back for the next one (null at the end). */
    public record Page(List<RequestView> items, String nextCursor) {
    }
}
