package org.mentoring.matching.program;

import java.util.List;

/** One page of a programme's runs, oldest first; {@code nextCursor} is absent on the last page. */
public record MatchingRunPage(List<MatchingRunView> items, String nextCursor) {
}
