package org.mentoring.session.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.mentoring.platform.web.ProblemException;

/** The opaque position after which the next page starts: the last item's sort key (a time, then the id). */
public record PageCursor(Instant at, UUID id) {

    public String encode() {
        byte[] raw = (at + "|" + id).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    public static PageCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int at = raw.indexOf('|');
            return new PageCursor(Instant.parse(raw.substring(0, at)), UUID.fromString(raw.substring(at + 1)));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this service issued");
        }
    }
}
