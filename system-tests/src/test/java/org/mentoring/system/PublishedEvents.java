package org.mentoring.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.mentoring.platform.testing.TestDatabase;

/**
 * The events the services wrote to their outboxes, read from the database: what a webhook subscriber to every event
 * type must receive. Pings are left out (they go to one subscription only, not through the outboxes' topics).
 */
final class PublishedEvents {

    /** One published event; {@code seq} orders the events of one service, and so of one topic and key. */
    record Event(String id, String topic, String key, long seq) {
    }

    private PublishedEvents() {
    }

    /** Every event any service published after the instant given, each service's in the order it published them. */
    static List<Event> since(TestDatabase database, Instant since) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (Connection c = database.adminConnection()) {
            for (String service : MentoringSystem.SERVICES) {
                try (PreparedStatement ps = c.prepareStatement("SELECT id::text, topic, record_key, seq FROM " + service
                        + ".outbox WHERE occurred_at > ? AND topic LIKE 'mentoring.%.v1'"
                        + " AND type <> 'mentoring.webhook.ping.v1' ORDER BY seq")) {
                    ps.setTimestamp(1, Timestamp.from(since));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            events.add(new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                        }
                    }
                }
            }
        }
        return events;
    }
}
