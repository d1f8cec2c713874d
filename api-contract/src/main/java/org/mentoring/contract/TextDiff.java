package org.mentoring.contract;

import java.util.List;

/** A short, readable account of where two versions of the contract differ, for the build's failure message. */
final class TextDiff {

    private TextDiff() {
    }

    /**
     * The differing middle of the two texts after their common first and last lines, capped at {@code max} lines
     * per side. Enough to see which operation changed; {@code git diff} after regenerating shows the rest.
     */
    static String summary(String before, String after, int max) {
        List<String> a = before == null ? List.of() : before.lines().toList();
        List<String> b = after.lines().toList();
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        StringBuilder out = new StringBuilder("@@ line " + (start + 1) + " @@\n");
        append(out, "- ", a.subList(start, endA), max);
        append(out, "+ ", b.subList(start, endB), max);
        return out.toString();
    }

    private static void append(StringBuilder out, String sign, List<String> lines, int max) {
        lines.stream().limit(max).forEach(line -> out.append(sign).append(line).append('\n'));
        if (lines.size() > max) {
            out.append(sign).append("... ").append(lines.size() - max).append(" more lines\n");
        }
    }
}
