package org.mentoring.profile.hris;

import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.mentoring.platform.web.Problem;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.ProblemType;
import org.mentoring.profile.config.HrisConfig;
import org.mentoring.profile.signing.WebhookSignature;

/**
 * Verifies, stores and applies one HRIS webhook delivery. Nothing is stored or applied unless the signature and
 * timestamp verify and the body is a well-formed employee event; the raw delivery and its effect commit together,
 * and the delivery's webhook-id makes a replay a no-op.
 */
@ApplicationScoped
public class WebhookReceiver {

    private static final Logger LOG = Logger.getLogger(WebhookReceiver.class);

    @Inject
    IntegrationService integrations;

    @Inject
    EmployeeChanges changes;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    HrisConfig config;

    Clock clock = Clock.systemUTC();

    static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
    private static final Duration FAILED_CATCH_UP_RESTS = Duration.ofMinutes(10);

    /** Employees whose held events failed to apply, and until when they are not tried again. */
    private final java.util.Map<String, Instant> failing = new java.util.concurrent.ConcurrentHashMap<>();

    private List<String> resting() {
        Instant now = clock.instant();
        failing.values().removeIf(until -> until.isBefore(now));
        // An empty list is no SQL: a value no employee id has stands in.
        return failing.isEmpty() ? List.of("") : List.copyOf(failing.keySet());
    }

    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hris-held-events");
        t.setDaemon(true);
        return t;
    });

    void onStart(@Observes StartupEvent event) {
        long every = SWEEP_EVERY.toMillis();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                applyHeldOfKnownEmployees();
            } catch (RuntimeException e) {
                LOG.warnf("Held HRIS events not caught up with: %s", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }

    /** A parsed, verified event. */
    record Delivery(UUID integrationId, HrisEvent type, Instant effectiveAt, Long sequence, EmployeeRecord employee) {
    }

    /** Receives one delivery; {@code body} was read within the webhook limit ({@code BodyLimits.webhookBody}). */
    @Transactional
    public WebhookOutcome receive(String integrationId, String webhookId, String timestamp, String signature,
                                  byte[] body) {
        HrisIntegration integration = integrations.require(integrationId);
        Instant now = clock.instant();
        verify(integration, webhookId, timestamp, signature, body, now);
        Delivery delivery = parse(integration.id, body, integration.fieldMapping);
        int inserted = em.createNativeQuery("INSERT INTO hris_event (integration_id, webhook_id, received_at, event_type, "
                        + "external_id, effective_at, sequence, body, outcome) VALUES (:i, :w, :r, :t, :x, :e, :s, :b, 'pending') "
                        + "ON CONFLICT (integration_id, webhook_id) DO NOTHING")
                .setParameter("i", integration.id).setParameter("w", webhookId).setParameter("r", now)
                .setParameter("t", delivery.type().wireName()).setParameter("x", delivery.employee().externalId())
                .setParameter("e", delivery.effectiveAt()).setParameter("s", delivery.sequence())
                .setParameter("b", body).executeUpdate();
        if (inserted == 0) {
            return new WebhookOutcome(webhookId, "duplicate", null);
        }
        changes.lockEmployee(delivery.employee().externalId());
        EmployeeChanges.Applied applied = changes.apply(webhookId, delivery);
        record(integration.id, webhookId, applied.outcome());
        if (applied.created()) {
            applyHeld(delivery.employee().externalId());
        }
        return applied.outcome();
    }

    private void record(UUID integrationId, String webhookId, WebhookOutcome outcome) {
        // A delivery about an erased person is kept only as a webhook-id (so a replay stays a duplicate), not its body.
        em.createNativeQuery("UPDATE hris_event SET outcome = :o, profile_id = :p, external_id = CASE WHEN :o = 'erased' "
                        + "THEN NULL ELSE external_id END, body = CASE WHEN :o = 'erased' THEN ''::bytea ELSE body END "
                        + "WHERE integration_id = :i AND webhook_id = :w")
                .setParameter("o", outcome.outcome()).setParameter("p", outcome.profileId())
                .setParameter("i", integrationId).setParameter("w", webhookId).executeUpdate();
    }

    /**
     * A termination, leave or manager change that arrived before the employee existed was held (answered
     * {@code unknown_employee}). Once a created or updated event (or an import that says when it was exported) makes
     * the employee, the held facts are applied in the order they happened: those newer than what created them take
     * effect, older ones are stale. Runs in the caller's transaction.
     */
    void applyHeld(String externalId) {
        changes.lockProfile(externalId);
        @SuppressWarnings("unchecked")
        List<Object[]> held = em.createNativeQuery("SELECT e.integration_id, e.webhook_id, e.body, i.field_mapping "
                        + "FROM hris_event e JOIN hris_integration i ON i.id = e.integration_id "
                        + "WHERE e.external_id = :x AND e.outcome = 'unknown_employee' "
                        + "ORDER BY e.effective_at, e.sequence NULLS FIRST, e.received_at FOR UPDATE OF e")
                .setParameter("x", externalId).getResultList();
        for (Object[] row : held) {
            UUID integrationId = (UUID) row[0];
            String webhookId = (String) row[1];
            Delivery delivery;
            try {
                delivery = parse(integrationId, (byte[]) row[2], FieldMapping.valueOf((String) row[3]));
            } catch (ProblemException e) {
                delivery = null;
            }
            // Read again under today's rules and field mapping: if it no longer is a valid event about this very
            // employee, it is refused rather than applied (and must not stop the employee's creation).
            if (delivery == null || !externalId.equals(delivery.employee().externalId())) {
                LOG.warnf("Held HRIS event %s no longer reads as a valid event about its employee; it is not applied",
                        webhookId);
                record(integrationId, webhookId, new WebhookOutcome(webhookId, "refused", null));
                continue;
            }
            WebhookOutcome outcome = changes.apply(webhookId, delivery).outcome();
            LOG.debugf("Held HRIS event %s, now its employee exists: %s", webhookId, outcome.outcome());
            record(integrationId, webhookId, outcome);
        }
    }

    /**
     * Catches up with held events whose employee exists by now with an HRIS time: a creation and a held event that
     * ran at the same moment in different transactions (an import, say) each missed the other. Runs every
     * {@link #SWEEP_EVERY} on every replica; two replicas serialise on the held rows. Returns how many employees
     * it caught up with.
     */
    public int applyHeldOfKnownEmployees() {
        @SuppressWarnings("unchecked")
        List<String> known = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT e.external_id FROM hris_event e JOIN profile p ON p.external_id = e.external_id "
                                + "WHERE e.outcome = 'unknown_employee' AND p.status <> 'erased' "
                                + "AND p.hris_effective_at IS NOT NULL AND e.external_id NOT IN (:resting) "
                                + "GROUP BY e.external_id ORDER BY min(e.received_at) LIMIT 500")
                .setParameter("resting", resting())
                .getResultList());
        int done = 0;
        for (String externalId : known) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    changes.lockForCatchUp(externalId);
                    applyHeld(externalId);
                });
                done++;
                failing.remove(externalId);
            } catch (RuntimeException e) {
                // One employee's trouble must not hold up the others: they rest a while before the next try.
                failing.put(externalId, clock.instant().plus(FAILED_CATCH_UP_RESTS));
                LOG.warnf(e, "Held HRIS events of one employee not caught up with; tried again in %s",
                        FAILED_CATCH_UP_RESTS);
            }
        }
        return done;
    }

    private void verify(HrisIntegration integration, String webhookId, String timestamp, String signature,
                        byte[] body, Instant now) {
        if (webhookId == null || webhookId.isBlank() || webhookId.length() > 200 || timestamp == null || signature == null) {
            throw unauthorized("webhook-id, webhook-timestamp and webhook-signature headers are required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw unauthorized("webhook-timestamp must be seconds since the epoch");
        }
        // Compared in seconds, so that no number of seconds, however far off, overflows an Instant.
        if (Math.abs(now.getEpochSecond() - Math.max(Math.min(seconds, Long.MAX_VALUE / 4), Long.MIN_VALUE / 4))
                > config.timestampTolerance().toSeconds()) {
            throw unauthorized("webhook-timestamp is outside the accepted window");
        }
        if (!WebhookSignature.verify(integration.secrets.keys(now), webhookId, timestamp.strip(), body, signature)) {
            throw unauthorized("webhook-signature does not match");
        }
    }

    Delivery parse(UUID integrationId, byte[] body, FieldMapping mapping) {
        JsonNode root;
        try {
            // One JSON value and nothing after it: a second event, or anything else, behind the first is refused.
            root = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "body is not well-formed JSON, or holds more than one value");
        }
        if (root == null || !root.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "body must be a JSON object");
        }
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        JsonNode typeNode = root.get("type");
        HrisEvent type = typeNode != null && typeNode.isTextual() ? HrisEvent.of(typeNode.textValue()).orElse(null) : null;
        if (type == null) {
            errors.add(new Problem.FieldError("type", "must be one of employee.created, employee.updated, "
                    + "employee.terminated, employee.manager_changed, employee.on_leave"));
        }
        Instant effectiveAt = null;
        JsonNode occurredAt = root.get("occurredAt");
        try {
            effectiveAt = occurredAt != null && occurredAt.isTextual() ? Instant.parse(occurredAt.textValue()) : null;
        } catch (DateTimeException e) {
            effectiveAt = null;
        }
        if (effectiveAt == null) {
            errors.add(new Problem.FieldError("occurredAt", "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z"));
        } else if (effectiveAt.isBefore(HrisEvent.EARLIEST)
                || effectiveAt.isAfter(clock.instant().plus(config.timestampTolerance()))) {
            // An event dated ahead would stay the newest, and every real change after it would be stale.
            errors.add(new Problem.FieldError("occurredAt", "must not be later than now (give or take "
                    + config.timestampTolerance().toMinutes() + " minutes) nor before " + HrisEvent.EARLIEST));
            effectiveAt = null;
        }
        Long sequence = null;
        JsonNode seq = root.get("sequence");
        if (seq != null && !seq.isNull()) {
            if (seq.canConvertToLong() && seq.isIntegralNumber()) {
                sequence = seq.longValue();
            } else {
                errors.add(new Problem.FieldError("sequence", "must be a whole number"));
            }
        }
        JsonNode employee = root.get("employee");
        EmployeeRecord record = null;
        if (employee == null || !employee.isObject()) {
            errors.add(new Problem.FieldError("employee", "must be an object"));
        } else {
            // A value of the wrong type is named as such, not also as whatever its text fails to be.
            List<Problem.FieldError> employeeErrors = new java.util.ArrayList<>(EmployeeRecord.jsonTypeErrors(employee, mapping));
            java.util.Set<String> mistyped = employeeErrors.stream().map(Problem.FieldError::field)
                    .collect(java.util.stream.Collectors.toSet());
            EmployeeRecord.Parsed parsed = EmployeeRecord.parse(key -> EmployeeRecord.jsonText(employee.get(key)), mapping);
            parsed.errors().stream().filter(e -> !mistyped.contains(e.field())).forEach(employeeErrors::add);
            // A termination, a leave or a manager change uses only the employee id (and the manager's): a flaw in
            // the rest of the record the sender attached must not lose that change.
            java.util.Set<String> used = type == null ? null : switch (type) {
                case TERMINATED, ON_LEAVE -> java.util.Set.of("externalId");
                case MANAGER_CHANGED -> java.util.Set.of("externalId", "managerExternalId");
                case CREATED, UPDATED -> null;
            };
            employeeErrors.stream().filter(e -> used == null || used.contains(e.field()))
                    .forEach(e -> errors.add(new Problem.FieldError("employee." + e.field(), e.message())));
            record = parsed.record();
            if (type == HrisEvent.CREATED || type == HrisEvent.UPDATED) {
                // An explicit null (or an empty list of languages) removes a field, as in a JSON merge patch; a field
                // left out stays as it is.
                java.util.Set<String> nulls = new java.util.HashSet<>();
                for (String field : EmployeeRecord.CLEARABLE) {
                    JsonNode value = employee.get(mapping.sourceKey(field));
                    if (value != null && (value.isNull()
                            || field.equals("languages") && value.isArray() && value.isEmpty())) {
                        nulls.add(field);
                    }
                }
                record = record.clearing(nulls);
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The event is not a valid employee event", errors);
        }
        return new Delivery(integrationId, type, effectiveAt, sequence, record);
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(ProblemType.UNAUTHORIZED, detail);
    }
}
