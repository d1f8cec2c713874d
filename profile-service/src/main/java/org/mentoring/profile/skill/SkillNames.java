package org.mentoring.profile.skill;

import java.util.Locale;

/** The form under which skill names and aliases are compared: trimmed, lower case, single spaces. */
public final class SkillNames {

    private SkillNames() {
    }

    public static String normalize(String name) {
        if (name == null) {
            return "";
        }
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** A free-typed name tidied for storage when the catalogue does not know it. */
    public static String tidy(String name) {
        return name == null ? null : name.strip().replaceAll("\\s+", " ");
    }
}
