package org.mentoring.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import javax.sql.DataSource;

/**
 * Appends events to this service's outbox table in the caller's transaction, so an event exists if and only if the
 * state change that caused it was committed. The {@link OutboxRelay} publishes the rows; a notification on commit
 * wakes it at once.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    DataSource dataSource;

    @Inject
    TransactionManager transactions;

    @Inject
    ObjectMapper json;

    @Inject
    EventsConfig config;

    @Inject
    TraceContext traceContext;

    Clock clock = Clock.systemUTC();

    /**
     * An event waiting to be appended.
     *
     * @param topic   the topic, {@code mentoring.<aggregate>.v1}
     * @param type    the CloudEvents type, {@code mentoring.<aggregate>.<fact>.v1}
     * @param key     the aggregate id: the record key, keeping one aggregate's events in order
     * @param subject the CloudEvents subject (usually the aggregate id)
     * @param data    the event data, serialised as JSON
     */
    public record Event(String topic, String type, String key, String subject, Object data) {
    }

    /**
     * Records an event to publish once the current transaction commits.
     *
     * @return the event id
     * @see Event for the parameters
     */
    public UUID append(String topic, String type, String key, String subject, Object data) {
        return appendAll(List.of(new Event(topic, type, key, subject, data))).get(0);
    }

    /**
     * Records many events to publish once the current transaction commits, in their order, with one batched insert
     * and one notification: a bulk change (an import of thousands of profiles) would otherwise spend most of its
     * time on two round trips per event.
     *
     * @return the event ids, in the order of the events
     */
    public List<UUID> appendAll(List<Event> events) {
        requireTransaction();
        if (events.isEmpty()) {
            return List.of();
        }
        String schema = config.schema();
        Timestamp occurredAt = Timestamp.from(OffsetDateTime.now(clock).toInstant());
        String traceHeaders = traceContext.currentHeaders();
        List<UUID> ids = new ArrayList<>(events.size());
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + schema + ".outbox "
                     + "(id, topic, record_key, type, subject, occurred_at, data, trace_headers) VALUES (?,?,?,?,?,?,?,?)");
             PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, '')")) {
            for (Event event : events) {
                UUID id = UUID.randomUUID();
                insert.setObject(1, id);
                insert.setString(2, event.topic());
                insert.setString(3, event.key());
                insert.setString(4, event.type());
                insert.setString(5, event.subject());
                insert.setTimestamp(6, occurredAt);
                insert.setString(7, serialise(event));
                insert.setString(8, traceHeaders);
                insert.addBatch();
                ids.add(id);
            }
            insert.executeBatch();
            notify.setString(1, OutboxRelay.channel(schema));
            notify.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("could not append " + events.get(0).type() + " to the outbox", e);
        }
        return ids;
    }

    private String serialise(Event event) {
        try {
            return json.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data of " + event.type() + " is not serialisable", e);
        }
    }

    private void requireTransaction() {
        try {
            if (transactions.getStatus() != Status.STATUS_ACTIVE) {
                throw new IllegalStateException("Outbox.append must run inside the transaction of the state change");
            }
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }
}
