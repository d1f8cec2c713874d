package org.mentoring.profile.webhook;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.mentoring.platform.events.EventsConfig;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.Problem;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.ProblemType;
import org.mentoring.platform.web.QueryValues;
import org.mentoring.profile.config.WebhooksConfig;
import org.mentoring.profile.signing.SigningSecrets;
import org.mentoring.profile.webhook.SubscriptionViews.AttemptView;
import org.mentoring.profile.webhook.SubscriptionViews.DeliveryPage;
import org.mentoring.profile.webhook.SubscriptionViews.DeliveryView;
import org.mentoring.profile.webhook.SubscriptionViews.SubscriptionRequest;

/**
 * The life of webhook subscriptions: creation with a fresh secret, changes, secret rotation, the delivery log,
 * manual redelivery and pings. HR admins see every subscription; an integration sees only those it created.
 */
@ApplicationScoped
public class WebhookSubscriptions {

    @Inject
    EntityManager em;

    @Inject
    WebhooksConfig config;

    @Inject
    EventsConfig events;

    @Inject
    DeliveryQueue queue;

    @Inject
    ObjectMapper json;

    TargetGuard guard() {
        return new TargetGuard(config.allowHttp(), config.allowPrivateTargets());
    }

    @Transactional
    public WebhookSubscription create(SubscriptionRequest request, Caller caller, UUID ownerProfileId) {
        validate(request);
        WebhookSubscription s = new WebhookSubscription();
        s.id = UUID.randomUUID();
        s.owner = caller.subject();
        s.ownerProfileId = ownerProfileId;
        apply(s, request);
        s.createdAt = Instant.now();
        s.secrets = SigningSecrets.fresh(s.createdAt);
        em.persist(s);
        return s;
    }

    @Transactional
    public WebhookSubscription replace(UUID id, SubscriptionRequest request, Caller caller) {
        validate(request);
        WebhookSubscription s = require(id, caller);
        apply(s, request);
        return s;
    }

    @Transactional
    public void delete(UUID id, Caller caller) {
        em.remove(require(id, caller));
    }

    /**
     * A new secret; deliveries are signed with the previous one too for the configured grace period, and with those
     * replaced before it within theirs.
     */
    @Transactional
    public WebhookSubscription rotateSecret(UUID id, Caller caller) {
        WebhookSubscription s = require(id, caller);
        // Locked first, so that two rotations at once both take effect in turn.
        em.lock(s, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(s);
        Instant now = Instant.now();
        s.secrets.rotate(now.plus(config.secretRotationGrace()), now);
        return s;
    }

    /** Subscriptions visible to the caller, ordered by id, after the cursor. */
    @Transactional
    public List<WebhookSubscription> list(Caller caller, UUID after, int limit) {
        boolean all = caller.hasRole(Caller.HR_ADMIN);
        String where = (all ? "true" : "s.owner = :owner") + (after == null ? "" : " AND s.id > :after");
        var query = em.createQuery("SELECT s FROM WebhookSubscription s WHERE " + where + " ORDER BY s.id",
                WebhookSubscription.class);
        if (!all) {
            query.setParameter("owner", caller.subject());
        }
        if (after != null) {
            query.setParameter("after", after);
        }
        return query.setMaxResults(limit).getResultList();
    }

    /** The subscription, or a 404 when it does not exist or belongs to another integration. */
    @Transactional
    public WebhookSubscription require(UUID id, Caller caller) {
        WebhookSubscription s = em.find(WebhookSubscription.class, id);
        if (s == null || !(caller.hasRole(Caller.HR_ADMIN) || s.owner.equals(caller.subject()))) {
            throw ProblemException.notFound("Webhook subscription", id);
        }
        return s;
    }

    /** A ping event queued for this subscription alone, whatever its event types. */
    @Transactional
    public DeliveryView ping(UUID id, Caller caller) {
        WebhookSubscription s = require(id, caller);
        requireActive(s);
        String eventId = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String data;
        try {
            data = json.writeValueAsString(new WebhookEvents.Ping(s.id, now.toInstant()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String body = WebhookEvents.structured(eventId, WebhookEvents.PING, events.source(), s.id.toString(), now, data);
        queue.enqueue(s.id, eventId, WebhookEvents.PING, s.id.toString(), body);
        return deliveries(s.id, "d.event_id = :e", Map.of("e", eventId), 1).get(0);
    }

    /** Sends one delivery again, from a fresh retry schedule. */
    @Transactional
    public DeliveryView redeliver(UUID id, String deliveryId, Caller caller) {
        WebhookSubscription s = require(id, caller);
        requireActive(s);
        UUID delivery = parseDeliveryId(deliveryId);
        int updated = em.createNativeQuery("UPDATE webhook_delivery SET status = 'pending', attempts = 0, "
                        + "next_attempt_at = now() WHERE subscription_id = :s AND id = :d AND status <> 'pending'")
                .setParameter("s", s.id).setParameter("d", delivery).executeUpdate();
        List<DeliveryView> found = deliveries(s.id, "d.id = :d", Map.of("d", delivery), 1);
        if (found.isEmpty()) {
            throw ProblemException.notFound("Delivery", deliveryId);
        }
        if (updated == 0) {
            throw ProblemException.conflict("Delivery " + deliveryId + " is still pending: it will be sent anyway");
        }
        return found.get(0);
    }

    /** Sends again every delivery of the subscription created at or after the instant. */
    @Transactional
    public int redeliverSince(UUID id, String since, Caller caller) {
        WebhookSubscription s = require(id, caller);
        requireActive(s);
        if (since == null || since.isBlank()) {
            throw ProblemException.invalid("since", "is required: an ISO-8601 instant such as 2026-01-31T09:00:00Z");
        }
        Instant from = QueryValues.instant("since", since);
        return em.createNativeQuery("UPDATE webhook_delivery SET status = 'pending', attempts = 0, "
                        + "next_attempt_at = now() WHERE subscription_id = :s AND created_at >= :since "
                        + "AND status <> 'pending'")
                .setParameter("s", s.id).setParameter("since", Timestamp.from(from)).executeUpdate();
    }

    /** The delivery log, newest first, after the cursor. */
    @Transactional
    public DeliveryPage deliveryLog(UUID id, String cursor, int limit, Caller caller) {
        WebhookSubscription s = require(id, caller);
        Long before = cursor == null ? null : decodeCursor(cursor);
        List<Row> rows = before == null
                ? rows(s.id, "true", Map.of(), limit + 1)
                : rows(s.id, "d.seq < :before", Map.of("before", before), limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Long.toString(rows.get(limit - 1).seq()).getBytes(StandardCharsets.UTF_8));
        }
        return new DeliveryPage(views(rows), next);
    }

    private static Long decodeCursor(String cursor) {
        try {
            return Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this service issued");
        }
    }

    /** A delivery row and its place in the log. */
    private record Row(long seq, DeliveryView view) {
    }

    private List<DeliveryView> deliveries(UUID subscriptionId, String condition, Map<String, Object> params, int limit) {
        return views(rows(subscriptionId, condition, params, limit));
    }

    @SuppressWarnings("unchecked")
    private List<Row> rows(UUID subscriptionId, String condition, Map<String, Object> params, int limit) {
        var query = em.createNativeQuery("SELECT d.seq, d.id, d.event_id, d.event_type, d.status, d.attempts, "
                + "d.created_at, d.last_attempt_at, d.last_status_code, d.last_latency_ms, d.last_error, "
                + "d.next_attempt_at, d.delivered_at FROM webhook_delivery d WHERE d.subscription_id = :s AND "
                + condition + " ORDER BY d.seq DESC LIMIT " + limit);
        query.setParameter("s", subscriptionId);
        params.forEach(query::setParameter);
        List<Object[]> result = query.getResultList();
        List<Row> rows = new ArrayList<>(result.size());
        for (Object[] r : result) {
            String status = (String) r[4];
            rows.add(new Row(((Number) r[0]).longValue(), new DeliveryView((UUID) r[1], (String) r[2], (String) r[3],
                    status, ((Number) r[5]).intValue(), instant(r[6]), instant(r[7]), integer(r[8]), integer(r[9]),
                    (String) r[10], "pending".equals(status) ? instant(r[11]) : null, instant(r[12]), List.of())));
        }
        return rows;
    }

    /** The views with their recent attempts (up to 20 each, newest first), read in one query. */
    @SuppressWarnings("unchecked")
    private List<DeliveryView> views(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(r -> r.view().id()).toList();
        List<Object[]> result = em.createNativeQuery("SELECT delivery_id, attempted_at, status_code, latency_ms, error, "
                        + "response_prefix FROM (SELECT a.*, row_number() OVER (PARTITION BY delivery_id "
                        + "ORDER BY attempted_at DESC) AS n FROM webhook_attempt a WHERE delivery_id IN (:ids)) recent "
                        + "WHERE n <= 20 ORDER BY attempted_at DESC")
                .setParameter("ids", ids).getResultList();
        Map<UUID, List<AttemptView>> attempts = new java.util.HashMap<>();
        for (Object[] r : result) {
            attempts.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new AttemptView(instant(r[1]),
                    integer(r[2]), ((Number) r[3]).intValue(), (String) r[4], (String) r[5]));
        }
        return rows.stream().map(Row::view).map(v -> new DeliveryView(v.id(), v.eventId(), v.eventType(), v.status(),
                v.attempts(), v.createdAt(), v.lastAttemptAt(), v.lastStatusCode(), v.lastLatencyMs(), v.lastError(),
                v.nextAttemptAt(), v.deliveredAt(), attempts.getOrDefault(v.id(), List.of()))).toList();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected time value " + value.getClass());
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    private static UUID parseDeliveryId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Delivery", id);
        }
    }

    private static void requireActive(WebhookSubscription s) {
        if (!s.active) {
            throw ProblemException.conflict("Webhook subscription " + s.id
                    + " is not active; set active to true (PUT) before sending to it");
        }
    }

    private void apply(WebhookSubscription s, SubscriptionRequest request) {
        s.url = request.url().strip();
        s.eventTypes = new EventTypeFilter(request.eventTypes().stream().map(String::strip).distinct().toList()).stored();
        s.description = request.description() == null || request.description().isBlank() ? null
                : request.description().strip();
        boolean active = request.active() == null || request.active();
        if (active && !s.active) {
            s.disabledReason = null;
            s.disabledAt = null;
        }
        if (!active && s.active) {
            s.disabledReason = "by-request";
            s.disabledAt = Instant.now();
        }
        s.active = active;
    }

    private void validate(SubscriptionRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        guard().refusal(request.url().strip()).ifPresent(reason -> errors.add(new Problem.FieldError("url", reason)));
        for (int i = 0; i < request.eventTypes().size(); i++) {
            String pattern = request.eventTypes().get(i);
            int at = i;
            EventTypeFilter.problemWith(pattern == null ? null : pattern.strip())
                    .ifPresent(reason -> errors.add(new Problem.FieldError("eventTypes[" + at + "]", reason)));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The subscription is not valid", errors);
        }
    }
}
