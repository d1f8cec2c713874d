package org.mentoring.profile.profile;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who may change which profile field. HR administrators change everything; the HRIS integration changes the
 * HR-owned fields; a person changes their own bio and preferences. Only fields whose value actually changes are
 * checked, so a client may send back a field unchanged.
 */
public final class FieldRights {

    public enum Editor {
        HR_ADMIN, INTEGRATION, SELF
    }

    private FieldRights() {
    }

    public static Set<String> allowed(Set<Editor> editors) {
        Set<String> allowed = new TreeSet<>();
        if (editors.contains(Editor.HR_ADMIN)) {
            allowed.addAll(ProfileFields.HR_FIELDS);
            allowed.addAll(ProfileFields.PERSONAL_FIELDS);
        }
        if (editors.contains(Editor.INTEGRATION)) {
            allowed.addAll(ProfileFields.HR_FIELDS);
        }
        if (editors.contains(Editor.SELF)) {
            allowed.addAll(ProfileFields.PERSONAL_FIELDS);
        }
        return allowed;
    }

    /**
     * Personal fields the HRIS integration may give a profile it creates, as starting values: an HRIS knows where
     * someone works from and which languages they speak. Whether and how they mentor is theirs (or HR's) to say.
     */
    static final Set<String> HRIS_STARTING_FIELDS = Set.of("timeZone", "languages");

    /** The fields sent to create a profile that the editors may not set; empty when the creation is allowed. */
    public static Set<String> refusedAtCreation(Set<String> sentFields, Set<Editor> editors) {
        Set<String> refused = refused(sentFields, editors);
        if (editors.contains(Editor.INTEGRATION)) {
            refused.removeAll(HRIS_STARTING_FIELDS);
        }
        return refused;
    }

    /** The changed fields the editors may not change; empty when the change is allowed. */
    public static Set<String> refused(Set<String> changedFields, Set<Editor> editors) {
        Set<String> refused = new TreeSet<>(changedFields);
        refused.removeAll(allowed(editors));
        return refused;
    }
}
