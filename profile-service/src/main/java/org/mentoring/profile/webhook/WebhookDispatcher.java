package org.mentoring.profile.webhook;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.mentoring.platform.events.Outbox;
import org.mentoring.profile.config.WebhooksConfig;
import org.mentoring.profile.signing.WebhookSignature;

/**
 * Sends queued deliveries. Each worker claims the oldest pending delivery of some subscription whose turn has come,
 * with {@code FOR UPDATE SKIP LOCKED}, and pushes its next attempt time past the time a send can take (a lease): so
 * any number of workers, in any number of replicas, never send one delivery twice at once, a subscription has at most
 * one delivery in flight, and its deliveries go out in the order they were queued. A crash mid-send only means the
 * lease runs out and the delivery is sent again with the same {@code webhook-id} (at least once).
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    /**
     * Jitter drawn from the random generator of the thread that asks. {@code ThreadLocalRandom.current()} captured once
     * and used from the worker threads would give every worker, replica and restart the same sequence, so retries
     * after an outage would not spread out.
     */
    static final RandomGenerator PER_THREAD_RANDOM = () -> ThreadLocalRandom.current().nextLong();

    /**
     * Only the oldest pending delivery of an active subscription is eligible, and none while another of its
     * deliveries is in flight (claimed within a lease and not yet recorded: a redelivery makes an older delivery
     * pending again while a later one is being sent); locked ones are skipped.
     */
    private static final String CLAIM = """
            UPDATE webhook_delivery SET attempts = attempts + 1, last_attempt_at = now(),
                   next_attempt_at = now() + make_interval(secs => ?)
            WHERE seq = (
                SELECT d.seq FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
                WHERE d.status = 'pending' AND s.active AND d.next_attempt_at <= now()
                  AND NOT EXISTS (SELECT 1 FROM webhook_delivery e WHERE e.subscription_id = d.subscription_id
                                  AND e.status = 'pending' AND (e.seq < d.seq OR e.seq <> d.seq
                                      AND e.next_attempt_at > now() AND e.last_attempt_at > now() - make_interval(secs => ?)))
                ORDER BY d.next_attempt_at, d.seq
                LIMIT 1
                FOR UPDATE OF d SKIP LOCKED)
            RETURNING id, subscription_id, event_id, body, attempts""";

    @Inject
    WebhooksConfig config;

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    MeterRegistry metrics;

    private final Map<String, Counter> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong failingSubscriptions = new AtomicLong();
    private final AtomicLong disabledSubscriptions = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private final Object wake = new Object();
    private volatile boolean running;
    private volatile long gaugesRefreshedAt;
    private volatile long prunedAt;
    private Receiver receiver;
    private RetryPolicy retries;
    private TargetGuard guard;

    record Claimed(UUID id, UUID subscriptionId, String eventId, String body, int attempts) {
    }

    record Target(String url, List<byte[]> keys) {
    }

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("mentoring.webhooks.subscriptions.failing", failingSubscriptions, AtomicLong::get)
                .description("Active subscriptions whose oldest pending delivery has failed at least once")
                .register(metrics);
        Gauge.builder("mentoring.webhooks.subscriptions.disabled", disabledSubscriptions, AtomicLong::get)
                .description("Subscriptions disabled after 410 Gone or persistent failure").register(metrics);
        receiver = new Receiver(config.connectTimeout(), config.readTimeout(), config.responsePrefixBytes());
        retries = new RetryPolicy(config.retrySchedule(), config.retryJitter(), config.maxRetryAfter(),
                PER_THREAD_RANDOM);
        guard = new TargetGuard(config.allowHttp(), config.allowPrivateTargets());
        if (config.dispatcher().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    synchronized void start() {
        running = true;
        for (int i = 0; i < Math.max(1, config.dispatcher().workers()); i++) {
            Thread t = new Thread(this::work, "webhook-dispatcher-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    synchronized void stop() {
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        for (Thread t : workers) {
            try {
                t.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    private void work() {
        while (running) {
            try {
                housekeeping();
                if (!sendOne()) {
                    synchronized (wake) {
                        wake.wait(config.dispatcher().pollInterval().toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "webhook dispatch failed; trying again shortly");
                try {
                    Thread.sleep(config.dispatcher().pollInterval().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Claims, sends and records one due delivery; false when none was due. Safe to call from any number of threads
     * and replicas at once.
     */
    public boolean sendOne() {
        Optional<Claimed> next = claim();
        if (next.isEmpty()) {
            return false;
        }
        Claimed claimed = next.get();
        Receiver.Response response;
        Instant attemptedAt = Instant.now();
        try {
            Target target = target(claimed.subscriptionId());
            if (target == null) {
                return true; // the subscription was deleted meanwhile, and its deliveries with it
            }
            response = send(claimed, target, attemptedAt);
        } catch (RuntimeException e) {
            // Recorded as a failed attempt, so that the retry schedule applies and ends: left to its lease, the
            // delivery would be claimed again and again, with nothing in its log, never exhausted (a signing secret
            // sealed under a key this replica lacks, say). The log says what kind of fault; the service's log has it.
            LOG.warnf(e, "webhook delivery %s could not be prepared", claimed.id());
            response = new Receiver.Response(null, "not sent: the service could not prepare the request ("
                    + e.getClass().getSimpleName() + ")", null, 0, Optional.empty());
        }
        record(claimed, attemptedAt, response);
        return true;
    }

    private Receiver.Response send(Claimed claimed, Target target, Instant attemptedAt) {
        Optional<String> refused = guard.refusal(target.url());
        if (refused.isPresent()) {
            return new Receiver.Response(null, "target refused: the URL " + refused.get(), null, 0, Optional.empty());
        }
        byte[] body = claimed.body().getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(attemptedAt.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/cloudevents+json; charset=utf-8");
        headers.put("user-agent", "mentoring-webhooks/1");
        headers.put("webhook-id", claimed.eventId());
        headers.put("webhook-timestamp", timestamp);
        headers.put("webhook-signature", WebhookSignature.header(target.keys(), claimed.eventId(), timestamp, body));
        return receiver.post(target.url(), headers, body);
    }

    private Optional<Claimed> claim() {
        long leaseSeconds = config.connectTimeout().plus(config.readTimeout().multipliedBy(2)).toSeconds() + 30;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM)) {
            c.setAutoCommit(true);
            ps.setLong(1, leaseSeconds);
            ps.setLong(2, leaseSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getInt(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim a webhook delivery", e);
        }
    }

    private Target target(UUID subscriptionId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            WebhookSubscription s = em.find(WebhookSubscription.class, subscriptionId);
            return s == null ? null : new Target(s.url, s.secrets.keys(Instant.now()));
        });
    }

    private void record(Claimed claimed, Instant attemptedAt, Receiver.Response response) {
        Integer code = response.statusCode();
        String error = response.error();
        boolean success = code != null && code >= 200 && code < 300;
        if (code != null && code >= 300 && code < 400) {
            error = "redirects are not followed";
        }
        String outcome;
        Instant nextAttempt = null;
        String status;
        String disable = null;
        if (success) {
            outcome = "delivered";
            status = "delivered";
        } else if (code != null && code == 410) {
            outcome = "gone";
            status = "failed";
            disable = "gone";
        } else if (RetryPolicy.retryable(code)) {
            Optional<Duration> pause = retries.nextPause(claimed.attempts(),
                    RetryPolicy.parseRetryAfter(response.retryAfter().orElse(null), attemptedAt));
            if (pause.isPresent()) {
                outcome = "retrying";
                status = "pending";
                nextAttempt = Instant.now().plus(pause.get());
            } else {
                outcome = "exhausted";
                status = "failed";
                disable = "failing";
            }
        } else {
            outcome = "rejected";
            status = "failed";
        }
        String finalError = error;
        Instant next = nextAttempt;
        String reason = disable;
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement attempt = c.prepareStatement("INSERT INTO webhook_attempt (delivery_id, "
                         + "attempted_at, status_code, latency_ms, error, response_prefix) VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement update = c.prepareStatement("UPDATE webhook_delivery SET status = ?, "
                         + "last_status_code = ?, last_latency_ms = ?, last_error = ?, next_attempt_at = ?, "
                         + "delivered_at = CASE WHEN ? THEN now() ELSE delivered_at END "
                         + "WHERE id = ? AND attempts = ? AND status = 'pending'")) {
                attempt.setObject(1, claimed.id());
                attempt.setTimestamp(2, Timestamp.from(attemptedAt));
                attempt.setObject(3, code, Types.INTEGER);
                attempt.setInt(4, (int) response.latencyMs());
                attempt.setString(5, finalError);
                attempt.setString(6, clean(response.bodyPrefix()));
                attempt.executeUpdate();
                update.setString(1, status);
                update.setObject(2, code, Types.INTEGER);
                update.setInt(3, (int) response.latencyMs());
                update.setString(4, finalError);
                update.setTimestamp(5, next == null ? null : Timestamp.from(next));
                update.setBoolean(6, success);
                update.setObject(7, claimed.id());
                update.setInt(8, claimed.attempts());
                update.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("could not record webhook delivery " + claimed.id(), e);
            }
            if (reason != null) {
                disable(claimed.subscriptionId(), reason);
            }
        });
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("mentoring.webhooks.deliveries").tag("outcome", o)
                .description("Webhook delivery attempts, by outcome").register(metrics)).increment();
        if (reason != null) {
            LOG.infof("webhook subscription %s disabled (%s) after delivery %s", claimed.subscriptionId(), reason,
                    claimed.id());
        }
    }

    /** Turns the subscription off and says so on mentoring.webhook.v1, once. */
    private void disable(UUID subscriptionId, String reason) {
        Instant now = Instant.now();
        int changed = em.createNativeQuery("UPDATE webhook_subscription SET active = false, disabled_reason = :r, "
                        + "disabled_at = :at WHERE id = :s AND active")
                .setParameter("r", reason).setParameter("at", Timestamp.from(now)).setParameter("s", subscriptionId)
                .executeUpdate();
        if (changed == 1) {
            outbox.append(WebhookEvents.TOPIC, WebhookEvents.SUBSCRIPTION_DISABLED, subscriptionId.toString(),
                    subscriptionId.toString(), new WebhookEvents.SubscriptionDisabled(subscriptionId, reason, now));
        }
    }

    /** Now and then (any worker, any replica): refreshes the gauges and prunes the delivery log. */
    private void housekeeping() {
        long now = System.currentTimeMillis();
        if (now - gaugesRefreshedAt < 15_000) {
            return;
        }
        gaugesRefreshedAt = now;
        refreshGauges();
        if (now - prunedAt > 600_000) {
            prunedAt = now;
            prune();
        }
    }

    private void prune() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM webhook_delivery WHERE seq IN (SELECT seq FROM webhook_delivery WHERE status <> 'pending' "
                        + "AND created_at < now() - make_interval(secs => ?) LIMIT 10000)")) {
            ps.setLong(1, config.logRetention().toSeconds());
            int pruned = ps.executeUpdate();
            if (pruned > 0) {
                LOG.debugf("pruned %d finished webhook deliveries", pruned);
            }
        } catch (SQLException e) {
            LOG.debugf("could not prune the webhook delivery log: %s", e.getMessage());
        }
    }

    private void refreshGauges() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT (SELECT count(DISTINCT d.subscription_id) FROM webhook_delivery d JOIN webhook_subscription s "
                        + "ON s.id = d.subscription_id WHERE s.active AND d.status = 'pending' AND d.attempts > 0), "
                        + "(SELECT count(*) FROM webhook_subscription WHERE NOT active AND disabled_reason IN "
                        + "('gone', 'failing'))");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            failingSubscriptions.set(rs.getLong(1));
            disabledSubscriptions.set(rs.getLong(2));
        } catch (SQLException e) {
            LOG.debugf("could not refresh webhook gauges: %s", e.getMessage());
        }
    }

    private static String clean(String prefix) {
        return prefix == null ? null : prefix.replace('\u0000', '\uFFFD');
    }
}
