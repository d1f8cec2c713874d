package org.mentoring.session.calendar;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A newly issued calendar feed: the token is shown once; whoever holds the URL reads the feed. */
@Schema(name = "CalendarFeedToken")
public record FeedToken(
        @Schema(description = "The secret; it is not stored and cannot be shown again") String token,
        @Schema(description = "The feed URL to subscribe to in a calendar application") String url,
        OffsetDateTime createdAt) {
}
