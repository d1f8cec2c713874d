package org.mentoring.platform.events;

import java.io.IOException;
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
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

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
     * (from {@value #COPY_FROM} events on, one COPY) and one notification: a bulk change (an import of thousands of
     * profiles) would otherwise spend most of its time on two round trips per event.
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
        if (events.size() >= COPY_FROM) {
            return copyAll(schema, events, occurredAt, traceHeaders);
        }
        List<UUID> ids = new ArrayList<>(events.size());
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + schema + ".outbox "
                     + "(id, topic, record_key, type, subject, occurred_at, data, trace_headers) VALUES (?,?,?,?,?,?,?,?)");
             PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, '')")) {
            for (Event event : events) {
                UUID id = EventIds.next();
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

    /** From this many events on, {@link #appendAll} streams them with COPY instead of a batched insert. */
    static final int COPY_FROM = 64;

    /** About how many bytes of COPY text are sent at a time. */
    private static final int COPY_CHUNK_BYTES = 256 * 1024;

    /**
     * The bulk path of {@link #appendAll}: one {@code COPY ... FROM STDIN} whose rows are serialised straight into
     * COPY text bytes (see {@link CopyRows}) and sent as they go, so the database inserts one part while the next is
     * serialised, and no row costs a bind and execute of its own. Same rows, same transaction, same notification as
     * the batched insert; but an event that cannot be serialised cancels the COPY, which leaves the transaction
     * aborted (the batched insert fails before writing anything): either way the caller's change cannot commit.
     */
    private List<UUID> copyAll(String schema, List<Event> events, Timestamp occurredAt, String traceHeaders) {
        List<UUID> ids = new ArrayList<>(events.size());
        String occurred = occurredAt.toInstant().toString();
        try (Connection c = dataSource.getConnection()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + schema + ".outbox "
                    + "(id, topic, record_key, type, subject, occurred_at, data, trace_headers) FROM STDIN");
            Throwable failure = null;
            try {
                CopyRows rows = new CopyRows(COPY_CHUNK_BYTES + 64 * 1024);
                ObjectWriter writer = CopyRows.writer(json);
                for (Event event : events) {
                    UUID id = EventIds.next();
                    rows.text(id.toString());
                    rows.text(event.topic());
                    rows.text(event.key());
                    rows.text(event.type());
                    rows.text(event.subject());
                    rows.text(occurred);
                    try {
                        rows.json(writer, event.data());
                    } catch (IOException e) {
                        // Should Jackson's byte writer refuse a value its text writer takes, the text form goes in:
                        // an event appendable on one path is appendable on the other.
                        rows.text(serialise(event));
                    }
                    rows.text(traceHeaders);
                    rows.endRow();
                    ids.add(id);
                    if (rows.size() >= COPY_CHUNK_BYTES) {
                        copy.writeToCopy(rows.bytes(), 0, rows.size());
                        rows.clear();
                    }
                }
                copy.writeToCopy(rows.bytes(), 0, rows.size());
                copy.endCopy();
            } catch (SQLException | RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                if (copy.isActive()) {
                    try {
                        copy.cancelCopy();
                    } catch (SQLException e) {
                        if (failure != null) {
                            failure.addSuppressed(e);
                        } else {
                            throw e;
                        }
                    }
                }
            }
            try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, '')")) {
                notify.setString(1, OutboxRelay.channel(schema));
                notify.execute();
            }
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
