package org.mentoring.platform.web;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The language tags people's profiles hold (BCP 47, the subset people's languages need): an ISO 639 language, then
 * optionally a script and a region, in their canonical case: {@code en}, {@code en-GB}, {@code zh-Hant},
 * {@code es-419}, {@code sr-Latn-RS}.
 *
 * <p>Two people share a language when their tags name the same language, whatever the script or region: someone who
 * gave {@code en-GB} and someone who gave {@code en-US} can mentor each other in English. A search for a language
 * is a range in the sense of RFC 4647's basic filtering: {@code en} finds {@code en}, {@code en-GB} and
 * {@code en-US}; {@code en-GB} finds {@code en-GB} only, not someone who gave just {@code en}.
 */
public final class LanguageTags {

    /** A canonical tag, as the API accepts it. */
    public static final String PATTERN = "[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?";

    /** What a caller is told when a tag they sent is not one. */
    public static final String INVALID = "must be a language tag such as en, en-GB, zh-Hant or es-419";

    private static final Pattern CANONICAL = Pattern.compile(PATTERN);

    private LanguageTags() {
    }

    /**
     * The canonical form of a tag as HRIS systems and people send it ({@code EN}, {@code en_us}, {@code zh-hant}),
     * or null when it is not a language tag of that shape.
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

    /** The language a tag names, without script or region: {@code en} for {@code en-GB}, {@code sr} for {@code sr-Latn-RS}. */
    public static String language(String tag) {
        int dash = tag.indexOf('-');
        return dash < 0 ? tag : tag.substring(0, dash);
    }

    /** Whether a tag falls within a range (both canonical): the range itself, or the range followed by more subtags. */
    public static boolean within(String tag, String range) {
        return tag.startsWith(range) && (tag.length() == range.length() || tag.charAt(range.length()) == '-');
    }

    /** Whether any of the tags falls within the range. */
    public static boolean anyWithin(Collection<String> tags, String range) {
        for (String tag : tags) {
            if (within(tag, range)) {
                return true;
            }
        }
        return false;
    }

    /** Whether two lists of tags have a language in common ({@link #language}). */
    public static boolean shareLanguage(Collection<String> some, Collection<String> others) {
        for (String tag : some) {
            String language = language(tag);
            for (String other : others) {
                if (language.equals(language(other))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A language's name in English ({@code English} for {@code en}), or its code when the JDK does not know it. */
    public static String englishName(String language) {
        String name = Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH);
        return name.isEmpty() ? language : name;
    }
}
