package org.mentoring.matching.program;

import java.util.List;

/** One page of programmes, oldest first; {@code nextCursor} is absent on the last page. */
public record ProgramPage(List<ProgramView> items, String nextCursor) {
}
