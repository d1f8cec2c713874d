package org.mentoring.local;

/**
 * Latencies in logarithmic buckets (each 2% wider than the one before, from 1 microsecond to about an hour), so a
 * ten-minute run of any rate needs a fixed few kilobytes and any percentile is read back within 2%.
 */
final class LatencyHistogram {

    private static final double GROWTH = 1.02;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    private static final int BUCKETS = (int) Math.ceil(Math.log(3.6e9) / LOG_GROWTH) + 1;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long maxMicros;

    synchronized void record(long nanos) {
        long micros = Math.max(1, nanos / 1000);
        counts[bucket(micros)]++;
        total++;
        maxMicros = Math.max(maxMicros, micros);
    }

    synchronized void add(LatencyHistogram other) {
        synchronized (other) {
            for (int i = 0; i < BUCKETS; i++) {
                counts[i] += other.counts[i];
            }
            total += other.total;
            maxMicros = Math.max(maxMicros, other.maxMicros);
        }
    }

    synchronized long count() {
        return total;
    }

    /** The latency in milliseconds below which the fraction {@code q} of the recorded ones lie (upper bucket edge). */
    synchronized double percentileMillis(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(Math.pow(GROWTH, i + 1), maxMicros) / 1000.0;
            }
        }
        return maxMicros / 1000.0;
    }

    synchronized double maxMillis() {
        return maxMicros / 1000.0;
    }

    private static int bucket(long micros) {
        return Math.min(BUCKETS - 1, (int) (Math.log(micros) / LOG_GROWTH));
    }
}
