package org.mentoring.profile.profile;

import java.util.List;

/** One page of a directory search; {@code nextCursor} is absent on the last page. */
public record ProfilePage(List<DirectoryEntry> items, String nextCursor) {
}
