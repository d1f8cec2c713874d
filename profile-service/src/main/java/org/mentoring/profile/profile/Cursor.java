package org.mentoring.profile.profile;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.mentoring.platform.web.ProblemException;

/**
 * The opaque position after which the next page starts: the last item's sort key (display name, id). Clients pass
 * it back unchanged; its encoding is not part of the API.
 */
public record Cursor(String displayName, UUID id) {

    private static final char SEPARATOR = '\u0000';

    public String encode() {
        byte[] raw = (displayName + SEPARATOR + id).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    public static Cursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int at = raw.lastIndexOf(SEPARATOR);
            if (at < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new Cursor(raw.substring(0, at), UUID.fromString(raw.substring(at + 1)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this service issued");
        }
    }
}
