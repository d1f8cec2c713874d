package org.mentoring.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import javax.sql.DataSource;

/** The test application's aggregate: each change bumps the widget's version and appends an event. */
@ApplicationScoped
public class Widgets {

    public static final String TOPIC = "mentoring.widget.v1";
    public static final String CHANGED = "mentoring.widget.changed.v1";

    public record WidgetChanged(String id, String value, long version, boolean poison) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    Outbox outbox;

    @Transactional
    public UUID change(String id, String value, boolean poison) {
        return changeOn(TOPIC, id, value, poison);
    }

    /** Several changes in one transaction, on the given topic (benchmarks spread them over topics of their own). */
    @Transactional
    public void changeAll(String topic, List<String> ids, String value) {
        for (String id : ids) {
            changeOn(topic, id, value, false);
        }
    }

    /** Several changes in one transaction whose events are appended together, the way a bulk change does. */
    @Transactional
    public List<UUID> changeTogether(List<String> ids, String value) {
        List<Outbox.Event> events = new ArrayList<>();
        for (String id : ids) {
            events.add(new Outbox.Event(TOPIC, CHANGED, id, id, new WidgetChanged(id, value, upsert(id, value), false)));
        }
        return outbox.appendAll(events);
    }

    @Transactional
    public UUID changeOn(String topic, String id, String value, boolean poison) {
        return outbox.append(topic, CHANGED, id, id, new WidgetChanged(id, value, upsert(id, value), poison));
    }

    /** Writes the widget and returns its new version. */
    private long upsert(String id, String value) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO profile.widget (id, value, version) VALUES (?, ?, 1) "
                     + "ON CONFLICT (id) DO UPDATE SET value = excluded.value, version = widget.version + 1 "
                     + "RETURNING version")) {
            ps.setString(1, id);
            ps.setString(2, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
