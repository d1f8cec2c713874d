package org.mentoring.matching.mentorship;

import java.util.List;

/** One page of mentorships, newest first; {@code nextCursor} is absent on the last page. */
public record MentorshipPage(List<MentorshipView> items, String nextCursor) {
}
