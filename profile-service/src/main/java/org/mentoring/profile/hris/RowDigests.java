package org.mentoring.profile.hris;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The digest an import keeps of each row that sets a person: 128 bits of SHA-256 over the row's text as the file
 * has it, under a context naming this version of the import's rules, the file's format, the integration's field
 * mapping and, for CSV, the header line. The same line under the same header therefore has the same digest, and a
 * row that merely looks alike (other quoting, spaces, column order) does not, which only means it is compared in
 * full once. A row passed over is taken as valid, as it was when it was imported.
 */
final class RowDigests {

    /** Changed whenever a release reads or merges a row differently: every row is then compared in full once. */
    private static final String RULES = "mentoring:hris-row:v3";

    /**
     * The time zone rules' version: a row passed over is not validated again, so rules that drop a zone compare every
     * row in full once.
     */
    private static final String TIME_ZONES = String.join(",",
            java.time.zone.ZoneRulesProvider.getVersions("UTC").keySet());

    private final MessageDigest sha;
    private final byte[] context;
    private byte[] buffer = new byte[1024];

    RowDigests(String format, FieldMapping mapping, String header) {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        context = sha.digest((RULES + "\n" + TIME_ZONES + "\n" + format + "\n" + mapping.name() + "\n" + header + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of the characters of {@code text} from {@code from} to {@code to}. */
    byte[] of(String text, int from, int to) {
        sha.update(context);
        int n = 0;
        // Each character as its one, two or three bytes of UTF-8 (a surrogate on its own): one byte string per text.
        if (buffer.length < (to - from) * 3) {
            buffer = new byte[(to - from) * 3];
        }
        byte[] b = buffer;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b[n++] = (byte) c;
            } else if (c < 0x800) {
                b[n++] = (byte) (0xC0 | c >> 6);
                b[n++] = (byte) (0x80 | c & 0x3F);
            } else {
                b[n++] = (byte) (0xE0 | c >> 12);
                b[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[n++] = (byte) (0x80 | c & 0x3F);
            }
        }
        sha.update(b, 0, n);
        return Arrays.copyOf(sha.digest(), DigestSet.BYTES);
    }
}
