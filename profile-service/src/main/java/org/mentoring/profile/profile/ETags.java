package org.mentoring.profile.profile;

import org.mentoring.platform.web.IfMatch;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.ProblemType;

/** Profile versions as HTTP entity tags: {@code "7"} for version 7. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return IfMatch.tag(version);
    }

    /**
     * Requires {@code ifMatch} to hold for a profile at {@code version} (see {@link IfMatch}): 428 when absent, 400
     * when it is not a list of entity tags, 412 when no tag in it is the current one.
     */
    public static void require(String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of the profile you are changing");
        }
        if (!IfMatch.holds(ifMatch, of(version))) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The profile is at version " + of(version) + ", which If-Match does not name; fetch it again and"
                            + " reapply your change");
        }
    }
}
