package org.mentoring.profile.hris;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A set of 128-bit digests held as pairs of longs in one array: an import reads one for each person it may pass
 * over, and a hundred thousand of them cost 4 MB here rather than three objects each.
 */
final class DigestSet {

    static final int BYTES = 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Pairs of longs; a slot is empty while its used flag is clear. */
    private long[] table = new long[2 * 1024];
    private boolean[] used = new boolean[1024];
    private int size;

    /** Adds the first 16 bytes of {@code digest}. */
    void add(byte[] digest) {
        long high = (long) LONGS.get(digest, 0);
        long low = (long) LONGS.get(digest, 8);
        if (insert(table, used, high, low)) {
            size++;
            if (size * 2 > used.length) {
                grow();
            }
        }
    }

    /** Whether the first 16 bytes of {@code digest} are in the set. */
    boolean contains(byte[] digest) {
        long high = (long) LONGS.get(digest, 0);
        long low = (long) LONGS.get(digest, 8);
        int mask = used.length - 1;
        // The digests are uniformly spread already: their own bits place them.
        for (int at = (int) low & mask; used[at]; at = (at + 1) & mask) {
            if (table[2 * at] == high && table[2 * at + 1] == low) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    private static boolean insert(long[] table, boolean[] used, long high, long low) {
        int mask = used.length - 1;
        int at = (int) low & mask;
        while (used[at]) {
            if (table[2 * at] == high && table[2 * at + 1] == low) {
                return false;
            }
            at = (at + 1) & mask;
        }
        used[at] = true;
        table[2 * at] = high;
        table[2 * at + 1] = low;
        return true;
    }

    private void grow() {
        long[] oldTable = table;
        boolean[] oldUsed = used;
        table = new long[oldTable.length * 2];
        used = new boolean[oldUsed.length * 2];
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                insert(table, used, oldTable[2 * i], oldTable[2 * i + 1]);
            }
        }
    }
}
