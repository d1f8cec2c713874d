package org.mentoring.matching.program;

import java.util.List;

/** One page of a programme's enrolments, oldest first; {@code nextCursor} is absent on the last page. */
public record EnrolmentPage(List<EnrolmentView> items, String nextCursor) {
}
