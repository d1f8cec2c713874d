package org.mentoring.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
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
     * Records an event to publish once the current transaction commits.
     *
     * @param topic   the topic, {@code mentoring.<aggregate>.v1}
     * @param type    the CloudEvents type, {@code mentoring.<aggregate>.<fact>.v1}
     * @param key     the aggregate id: the record key, keeping one aggregate's events in order
     * @param subject the CloudEvents subject (usually the aggregate id)
     * @param data    the event data, serialised as JSON
     * @return the event id
     */
    public UUID append(String topic, String type, String key, String subject, Object data) {
        requireTransaction();
        UUID id = UUID.randomUUID();
        String body;
        try {
            body = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data of " + type + " is not serialisable", e);
        }
        String schema = config.schema();
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + schema + ".outbox "
                     + "(id, topic, record_key, type, subject, occurred_at, data, trace_headers) VALUES (?,?,?,?,?,?,?,?)");
             PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, '')")) {
            insert.setObject(1, id);
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, type);
            insert.setString(5, subject);
            insert.setTimestamp(6, Timestamp.from(OffsetDateTime.now(clock).toInstant()));
            insert.setString(7, body);
            insert.setString(8, traceContext.currentHeaders());
            insert.executeUpdate();
            notify.setString(1, OutboxRelay.channel(schema));
            notify.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("could not append " + type + " to the outbox", e);
        }
        return id;
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
