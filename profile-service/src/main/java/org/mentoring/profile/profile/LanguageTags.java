package org.mentoring.profile.profile;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The language tags a profile holds (BCP 47, the subset people's languages need): an ISO 639 language, then
 * optionally a script and a region, in their canonical case: {@code en}, {@code en-GB}, {@code zh-Hant},
 * {@code es-419}, {@code sr-Latn-RS}.
 */
public final class LanguageTags {

    /** A canonical tag, as the API accepts it. */
    public static final String PATTERN = "[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?";

    private static final Pattern CANONICAL = Pattern.compile(PATTERN);

    private LanguageTags() {
    }

    /**
     * The canonical form of a tag as HRIS systems send it ({@code EN}, {@code en_us}, {@code zh-hant}), or null
     * when it is not a language tag of that shape.
     */
    public static String canonical(String tag) {
        String[] parts = tag.strip().replace('_', '-').split("-", -1);
        if (parts.length == 0 || parts.length > 3) {
            return null;
        }
        StringBuilder out = new StringBuilder(parts[0].toLowerCase(Locale.ROOT));
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            out.append('-');
            if (part.length() == 4) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1).toLowerCase(Locale.ROOT));
            } else {
                out.append(part.toUpperCase(Locale.ROOT));
            }
        }
        String canonical = out.toString();
        return CANONICAL.matcher(canonical).matches() ? canonical : null;
    }
}
