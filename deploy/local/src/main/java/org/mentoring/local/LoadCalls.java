package org.mentoring.local;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The load driver's HTTP calls, each timed and counted under an operation name. Any status other than the expected
 * ones, and any transport failure, is an error: counted, and the first few are kept with their bodies to print.
 */
final class LoadCalls {

    private static final int KEPT_ERRORS = 10;

    /** A call that did not answer as expected; the operation it belongs to stops there. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message, null, false, false);
        }
    }

    /** What one operation saw: its latencies and its errors. */
    static final class Stats {
        final LatencyHistogram latencies = new LatencyHistogram();
        final AtomicLong errors = new AtomicLong();
    }

    private final DemoHttp http = new DemoHttp();
    private final Map<String, Stats> stats = new TreeMap<>();
    private final List<String> keptErrors = new ArrayList<>();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private volatile LatencyHistogram recent = new LatencyHistogram();

    /**
     * Sends a call and records its latency from {@code since} (the scheduled time in an open model, so a stalled
     * service shows as latency rather than as fewer requests), and returns the parsed body.
     */
    JsonNode call(String operation, long since, String method, String url, String token, Object body,
                  int... expected) throws Failed {
        Stats s = stats(operation);
        try {
            String json = body == null ? null : DemoHttp.JSON.writeValueAsString(body);
            HttpResponse<String> response = http.exchange(method, url, token, json == null ? null : "application/json",
                    json, null);
            record(s, since);
            if (Arrays.stream(expected).noneMatch(e -> e == response.statusCode())) {
                throw fail(s, operation + ": " + method + " " + url + " answered " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
            return response.body().isEmpty() ? DemoHttp.JSON.nullNode() : DemoHttp.JSON.readTree(response.body());
        } catch (IOException e) {
            record(s, since);
            throw fail(s, operation + ": " + method + " " + url + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        }
    }

    private void record(Stats s, long since) {
        long latency = System.nanoTime() - since;
        s.latencies.record(latency);
        recent.record(latency);
        calls.incrementAndGet();
    }

    /** The latencies of every call since the last time this was asked, to show stalls as they happen. */
    LatencyHistogram takeRecent() {
        LatencyHistogram taken = recent;
        recent = new LatencyHistogram();
        return taken;
    }

    private Failed fail(Stats s, String message) {
        s.errors.incrementAndGet();
        errors.incrementAndGet();
        synchronized (keptErrors) {
            if (keptErrors.size() < KEPT_ERRORS) {
                keptErrors.add(message);
            }
        }
        return new Failed(message);
    }

    private Stats stats(String operation) {
        synchronized (stats) {
            return stats.computeIfAbsent(operation, o -> new Stats());
        }
    }

    Map<String, Stats> snapshot() {
        synchronized (stats) {
            return new TreeMap<>(stats);
        }
    }

    List<String> keptErrors() {
        synchronized (keptErrors) {
            return List.copyOf(keptErrors);
        }
    }

    long errors() {
        return errors.get();
    }

    long calls() {
        return calls.get();
    }

    private static String abbreviate(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "...";
    }
}
