package org.mentoring.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/**
 * Applies one event exactly once: in a new transaction it records the event id in the inbox and, only if the id
 * is new, runs every handler of the event's type. A duplicate commits nothing and reports so.
 */
@ApplicationScoped
public class EventApplier {

    public enum Outcome { APPLIED, DUPLICATE, UNHANDLED }

    @Inject
    DataSource dataSource;

    @Inject
    EventsConfig config;

    @Inject
    Instance<EventHandler> handlers;

    @Inject
    MeterRegistry metrics;

    @Inject
    TraceContext traceContext;

    private final Map<String, Counter> consumed = new ConcurrentHashMap<>();

    public Outcome apply(ReceivedEvent event) {
        return applyAll(List.of(event)).get(0);
    }

    /**
     * Applies several events, in order, in one transaction: all or none. Consumers use it for the records of one
     * partition from one poll, which saves a commit per event; if it fails they fall back to one at a time.
     */
    public List<Outcome> applyAll(List<ReceivedEvent> events) {
        List<Outcome> outcomes = QuarkusTransaction.requiringNew().call(() -> {
            List<Outcome> results = new java.util.ArrayList<>(events.size());
            for (ReceivedEvent event : events) {
                results.add(traceContext.inConsumerSpan(event, () -> applyInTransaction(event)));
            }
            return results;
        });
        for (int i = 0; i < events.size(); i++) {
            count(events.get(i), outcomes.get(i));
        }
        return outcomes;
    }

    private Outcome applyInTransaction(ReceivedEvent event) {
        if (!recordInInbox(event)) {
            return Outcome.DUPLICATE;
        }
        List<EventHandler> interested = handlers.stream().filter(h -> h.handles(event.type())).toList();
        for (EventHandler handler : interested) {
            handler.apply(event);
        }
        return interested.isEmpty() ? Outcome.UNHANDLED : Outcome.APPLIED;
    }

    private void count(ReceivedEvent event, Outcome outcome) {
        consumed.computeIfAbsent(event.type() + "|" + outcome, k -> Counter.builder("mentoring.events.consumed")
                .tag("type", event.type()).tag("outcome", outcome.name().toLowerCase())
                .description("Events taken from Kafka, by type and outcome").register(metrics)).increment();
    }

    /** Whether the event's topics are wanted by any handler. */
    public java.util.Set<String> topics() {
        java.util.Set<String> topics = new java.util.TreeSet<>();
        handlers.forEach(h -> topics.addAll(h.topics()));
        return topics;
    }

    private boolean recordInInbox(ReceivedEvent event) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + config.schema()
                     + ".inbox (event_id, type, topic) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
            ps.setString(1, event.id());
            ps.setString(2, event.type());
            ps.setString(3, event.topic());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record " + event.id() + " in the inbox", e);
        }
    }
}
