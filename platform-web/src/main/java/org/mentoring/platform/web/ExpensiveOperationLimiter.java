package org.mentoring.platform.web;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.config.Config;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Enforces {@link Expensive}: a token bucket per (limit, caller) that refills at the configured rate per minute with
 * a burst of the same size. The budget is per replica, kept in memory; with N replicas behind a load balancer a
 * caller gets at most N times the rate, which is what the limit is for: keeping one caller from monopolising a node.
 */
public class ExpensiveOperationLimiter {

    static final int DEFAULT_PER_MINUTE = 10;
    private static final int MAX_BUCKETS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    @Inject
    Config config;

    @Inject
    Caller caller;

    @ServerRequestFilter
    public void limit(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceMethod() == null) {
            return;
        }
        Expensive expensive = resource.getResourceMethod().getAnnotation(Expensive.class);
        if (expensive == null && resource.getResourceClass() != null) {
            expensive = resource.getResourceClass().getAnnotation(Expensive.class);
        }
        if (expensive == null) {
            return;
        }
        int perMinute = config.getOptionalValue("mentoring.rate-limit." + expensive.value() + ".per-minute", Integer.class)
                .orElse(DEFAULT_PER_MINUTE);
        if (perMinute <= 0) {
            return;
        }
        String who = caller.isAuthenticated() ? caller.subject() : "anonymous";
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(expensive.value() + "\u0000" + who, k -> new Bucket(perMinute, clock.millis()));
        long waitMillis = bucket.take(perMinute, clock.millis());
        if (waitMillis > 0) {
            long seconds = Math.max(1, (waitMillis + 999) / 1000);
            throw new ProblemException(Problem.of(ProblemType.TOO_MANY_REQUESTS,
                    "At most " + perMinute + " " + expensive.value() + " per minute per caller; retry in " + seconds + " s"),
                    Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)));
        }
    }

    /** Tokens refill continuously at perMinute per 60 s, up to perMinute. */
    static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.updatedAt = now;
        }

        /** Takes a token and returns 0, or returns how many milliseconds until one is available. */
        synchronized long take(int perMinute, long now) {
            double refill = (now - updatedAt) * perMinute / 60_000.0;
            tokens = Math.min(perMinute, tokens + refill);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * 60_000.0 / perMinute);
        }
    }
}
