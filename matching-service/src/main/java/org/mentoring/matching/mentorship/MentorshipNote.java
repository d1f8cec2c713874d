package org.mentoring.matching.mentorship;

import jakarta.validation.constraints.Size;

/** An optional free-text reason given when declining or ending; private to the two participants. */
public record MentorshipNote(@Size(max = 2000) String reason) {
}
