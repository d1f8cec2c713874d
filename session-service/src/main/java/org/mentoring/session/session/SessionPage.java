package org.mentoring.session.session;

import java.util.List;

/** One page of sessions; {@code nextCursor} is absent on the last page. */
public record SessionPage(List<SessionView> items, String nextCursor) {
}
