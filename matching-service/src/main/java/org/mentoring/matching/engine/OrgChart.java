package org.mentoring.matching.engine;

import java.util.Map;

/**
 * Who reports to whom, to keep people out of pairs with their own management chain (a manager's manager
 * is still a conflict of interest). Lookups walk up the reporting line: O(depth).
 */
public final class OrgChart {

    private static final int MAX_DEPTH = 64;
    private final Map<String, String> managerOf;

    /** @param managerOf person id -> manager id; people at the top are absent */
    public OrgChart(Map<String, String> managerOf) {
        this.managerOf = Map.copyOf(managerOf);
    }

    public static OrgChart empty() {
        return new OrgChart(Map.of());
    }

    /** True when {@code ancestor} is somewhere above {@code person} in the reporting line. */
    public boolean reportsTo(String person, String ancestor) {
        String current = managerOf.get(person);
        // The depth bound guards against a cycle in bad data.
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current.equals(ancestor)) {
                return true;
            }
            current = managerOf.get(current);
        }
        return false;
    }

    /** True when either person is in the other's management chain. */
    public boolean sameChain(String a, String b) {
        return reportsTo(a, b) || reportsTo(b, a);
    }
}
