package org.mentoring.matching.program;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.mentoring.platform.web.ProblemException;

/** Opaque keyset position (time, id) of the last item of a page. */
public record PageCursor(Instant at, UUID id) {

    public String encode() {
        String raw = at.toEpochMilli() + "|" + at.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            Instant at = Instant.ofEpochSecond(Math.floorDiv(Long.parseLong(parts[0]), 1000L), Integer.parseInt(parts[1]));
            return new PageCursor(at, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this service issued");
        }
    }
}
