package org.mentoring.local;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code deploy/local/mentoring load}: the whole running stack under a mixed workload. First the peak, a closed loop
 * of concurrent workers, beside {@code pgbench -S} on the same server; then a sustained open-model run at a fraction
 * of that peak (constant arrival rate; each latency counts from the operation's scheduled send time, so a stall shows
 * as latency instead of hiding as fewer requests), sampling each service's memory and outbox backlog every 10 s.
 * Exits non-zero if any call answered other than expected.
 */
final class LoadRun {

    private static final long SAMPLE_SECONDS = 10;
    private static final int OPEN_MODEL_THREADS = 256;

    private final LoadTarget target;
    private final Settings settings;

    /** What the command line asks for. */
    record Settings(double minutes, double fraction, int peakSeconds, int workers, int sample, int pairs,
                    int warmupSeconds, double rate, Path dataDir, int people, long seed) {
    }

    LoadRun(LoadTarget target, Settings settings) {
        this.target = target;
        this.settings = settings;
    }

    /** Runs both phases and returns the number of errors. */
    long run(LoadBaseline baseline) throws Exception {
        System.out.printf("load run %s, %d people in the organisation (seed %d)%n",
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), settings.people(), settings.seed());
        long discovering = System.nanoTime();
        LoadPopulation population = LoadPopulation.discover(target, settings.people(), settings.seed(),
                settings.sample(), settings.pairs());
        System.out.printf("population found through the API in %.1f s: %s%n", seconds(discovering),
                population.summary());
        LoadMix mix = new LoadMix(population, target);
        System.out.println("mix (% of operations): " + mix.weights());

        System.out.printf("%nwarm-up: %d workers for %d s (not counted)%n", settings.workers(), settings.warmupSeconds());
        closedLoop(mix, new LoadCalls(), settings.warmupSeconds());

        LoadCalls peakCalls = new LoadCalls();
        long operations = closedLoop(mix, peakCalls, settings.peakSeconds());
        double peak = operations / (double) settings.peakSeconds();
        System.out.printf("%npeak: closed loop, %d workers for %d s: %,d operations, %.1f operations/s, "
                        + "%.1f calls/s, %d errors%n", settings.workers(), settings.peakSeconds(), operations, peak,
                peakCalls.calls() / (double) settings.peakSeconds(), peakCalls.errors());
        printTable(peakCalls, settings.peakSeconds());
        compareWithDatabase(baseline, peakCalls.calls() / (double) settings.peakSeconds());

        double rate = settings.rate() > 0 ? settings.rate() : settings.fraction() * peak;
        LoadCalls sustainedCalls = new LoadCalls();
        LoadSampler sampler = new LoadSampler(settings.dataDir(), ports());
        System.out.printf("%nsustained: open model, %.1f operations/s (%s) for %.1f min; latency from the scheduled "
                        + "send time%n", rate, settings.rate() > 0 ? "--rate" : settings.fraction() + " x peak",
                settings.minutes());
        long sent = openLoop(mix, sustainedCalls, rate, sampler);
        System.out.printf("%nsustained: %,d operations sent, %,d calls, %d errors, %d request writes skipped (all "
                        + "pairs busy)%n", sent, sustainedCalls.calls(), sustainedCalls.errors(), mix.skipped());
        printTable(sustainedCalls, settings.minutes() * 60);
        printResources(sampler);
        long errors = peakCalls.errors() + sustainedCalls.errors();
        printErrors("peak", peakCalls);
        printErrors("sustained", sustainedCalls);
        System.out.println(errors == 0 ? "\nresult: no errors" : "\nresult: " + errors + " errors");
        return errors;
    }

    /** Workers send operations back to back until the time is up; returns the operations completed. */
    private long closedLoop(LoadMix mix, LoadCalls calls, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong done = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    mix.runOne(calls, System.nanoTime());
                    done.incrementAndGet();
                }
            }, "load-worker-" + i);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return done.get();
    }

    /** Sends operations at a constant rate whatever the answers do, sampling the stack every 10 s. */
    private long openLoop(LoadMix mix, LoadCalls calls, double rate, LoadSampler sampler) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(OPEN_MODEL_THREADS);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long end = start + (long) (settings.minutes() * 60e9);
        long nextSample = start;
        long sent = 0;
        while (true) {
            long at = start + (long) (sent * 1e9 / rate);
            if (at >= end) {
                break;
            }
            if (at >= nextSample) {
                printSample(TimeUnit.NANOSECONDS.toSeconds(nextSample - start), sent, done.get(), calls, sampler);
                nextSample += TimeUnit.SECONDS.toNanos(SAMPLE_SECONDS);
            }
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pool.execute(() -> {
                mix.runOne(calls, at);
                done.incrementAndGet();
            });
            sent++;
        }
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
            System.out.println("some operations were still running 2 minutes after the last was sent");
        }
        printSample(TimeUnit.NANOSECONDS.toSeconds(end - start), sent, done.get(), calls, sampler);
        return sent;
    }

    /** One line per sample: progress, the p99 of the calls answered since the last line, memory and backlog. */
    private static void printSample(long second, long sent, long done, LoadCalls calls, LoadSampler sampler) {
        double p99 = calls.takeRecent().percentileMillis(0.99);
        System.out.printf(Locale.ROOT, "t=%4ds sent %,8d done %,8d errors %d  p99 %s  %s%n", second, sent, done,
                calls.errors(), Double.isNaN(p99) ? "-" : String.format(Locale.ROOT, "%.0f ms", p99), sampler.sample());
    }

    private void compareWithDatabase(LoadBaseline baseline, double callsPerSecond) throws InterruptedException {
        if (baseline == null) {
            System.out.println("pgbench: not on PATH, no comparison with the bare database");
            return;
        }
        OptionalDouble tps;
        try {
            tps = baseline.selectOnly(settings.workers(), settings.peakSeconds());
        } catch (IOException | SQLException e) {
            System.out.println("pgbench: could not run, no comparison with the bare database: " + e.getMessage());
            return;
        }
        if (tps.isEmpty()) {
            System.out.println("pgbench: no tps figure in its output");
            return;
        }
        System.out.printf("pgbench -S, %d clients for %d s on the same server: %.0f tps; platform peak / pgbench = "
                        + "%.3f (calls/s over transactions/s)%n", settings.workers(), settings.peakSeconds(),
                tps.getAsDouble(), callsPerSecond / tps.getAsDouble());
    }

    private static void printTable(LoadCalls calls, double seconds) {
        System.out.printf("| %-36s | %9s | %7s | %6s | %9s | %9s | %9s | %9s |%n", "call", "count", "per s", "errors",
                "p50 ms", "p90 ms", "p99 ms", "max ms");
        System.out.printf("|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(38), "-".repeat(11), "-".repeat(9), "-".repeat(8),
                "-".repeat(11), "-".repeat(11), "-".repeat(11), "-".repeat(11));
        LatencyHistogram all = new LatencyHistogram();
        long errors = 0;
        for (Map.Entry<String, LoadCalls.Stats> e : calls.snapshot().entrySet()) {
            LatencyHistogram h = e.getValue().latencies;
            all.add(h);
            errors += e.getValue().errors.get();
            row(e.getKey(), h, e.getValue().errors.get(), seconds);
        }
        row("all calls", all, errors, seconds);
    }

    private static void row(String name, LatencyHistogram h, long errors, double seconds) {
        System.out.printf(Locale.ROOT, "| %-36s | %,9d | %7.1f | %6d | %9.1f | %9.1f | %9.1f | %9.1f |%n", name,
                h.count(), h.count() / seconds, errors, h.percentileMillis(0.5), h.percentileMillis(0.9),
                h.percentileMillis(0.99), h.maxMillis());
    }

    private static void printResources(LoadSampler sampler) {
        System.out.printf("%n| %-9s | %14s | %13s | %12s | %18s |%n", "service", "RSS first MB", "RSS last MB",
                "RSS max MB", "max outbox backlog");
        System.out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(11), "-".repeat(16), "-".repeat(15), "-".repeat(14),
                "-".repeat(20));
        for (LoadSampler.Watched w : sampler.watched().values()) {
            System.out.printf("| %-9s | %14s | %13s | %12s | %18d |%n", w.service, mb(w.firstRssKb), mb(w.lastRssKb),
                    mb(w.maxRssKb), w.maxBacklog);
        }
    }

    private static String mb(long kb) {
        return kb < 0 ? "?" : String.valueOf(kb / 1024);
    }

    private static void printErrors(String phase, LoadCalls calls) {
        if (!calls.keptErrors().isEmpty()) {
            System.out.println("\nfirst errors (" + phase + "):");
            calls.keptErrors().forEach(e -> System.out.println("  " + e));
        }
    }

    private Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("profile", port(target.profile()));
        ports.put("matching", port(target.matching()));
        ports.put("session", port(target.session()));
        ports.put("feedback", port(target.feedback()));
        return ports;
    }

    private static int port(String url) {
        return java.net.URI.create(url).getPort();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
