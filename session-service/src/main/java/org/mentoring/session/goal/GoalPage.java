package org.mentoring.session.goal;

import java.util.List;

/** One page of goals; {@code nextCursor} is absent on the last page. */
public record GoalPage(List<GoalView> items, String nextCursor) {
}
