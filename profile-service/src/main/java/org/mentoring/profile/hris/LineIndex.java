package org.mentoring.profile.hris;

import java.util.ArrayList;
import java.util.List;

/**
 * The line on which each key (an employee id, an email) first appears in an import file: a map from text to a line
 * number held in two arrays, without an entry object or a boxed number per key, since an import keeps one for
 * every row while it parses the rest of the file.
 */
final class LineIndex {

    private String[] keys;
    private int[] lines;
    private int size;

    /** Sized for {@code expected} keys without growing. */
    LineIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new String[capacity];
        lines = new int[capacity];
    }

    /** Records the key's line unless it has one; returns the line it had, or 0 when it had none. Lines start at 1. */
    int putIfAbsent(String key, int line) {
        int at = slot(keys, key);
        if (keys[at] != null) {
            return lines[at];
        }
        keys[at] = key;
        lines[at] = line;
        if (++size * 2 > keys.length) {
            grow();
        }
        return 0;
    }

    /** The key's line, or 0 when it has none. */
    int get(String key) {
        int at = slot(keys, key);
        return keys[at] == null ? 0 : lines[at];
    }

    int size() {
        return size;
    }

    /** The keys, in no particular order. */
    List<String> keys() {
        List<String> all = new ArrayList<>(size);
        for (String key : keys) {
            if (key != null) {
                all.add(key);
            }
        }
        return all;
    }

    /** Where the key is, or the empty slot where it would go (linear probing; the table is never full). */
    private static int slot(String[] table, String key) {
        int mask = table.length - 1;
        // Fibonacci hashing: the top bits of the product, as many as the table needs, mix every bit of the hash.
        int at = (key.hashCode() * 0x9E3779B9) >>> Integer.numberOfLeadingZeros(mask);
        while (table[at] != null && !table[at].equals(key)) {
            at = (at + 1) & mask;
        }
        return at;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldLines = lines;
        keys = new String[oldKeys.length * 2];
        lines = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int at = slot(keys, oldKeys[i]);
                keys[at] = oldKeys[i];
                lines[at] = oldLines[i];
            }
        }
    }
}
