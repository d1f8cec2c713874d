package org.mentoring.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/**
 * The test application's consumer: keeps the latest state of each widget and logs every application. Poison events
 * fail while {@link #rejectPoison} is set (the bug); clearing it is the fix that makes a replay succeed.
 */
@ApplicationScoped
public class WidgetProjection implements EventHandler {

    static final AtomicBoolean rejectPoison = new AtomicBoolean(true);
    static final AtomicInteger delayMillis = new AtomicInteger();
    /** Topics of the benchmark, one partition and several. */
    static final String ONE_PARTITION = "mentoring.widget-bench-1.v1";
    static final String SIX_PARTITIONS = "mentoring.widget-bench-6.v1";
    /** When set, the projection notes the moment each event was applied (benchmarks). */
    static volatile java.util.Map<String, Long> appliedAtNanos;

    @Inject
    DataSource dataSource;

    @Override
    public Set<String> topics() {
        return Set.of(Widgets.TOPIC, ONE_PARTITION, SIX_PARTITIONS);
    }

    @Override
    public boolean handles(String type) {
        return Widgets.CHANGED.equals(type);
    }

    @Override
    public void apply(ReceivedEvent event) {
        Widgets.WidgetChanged changed = event.dataAs(Widgets.WidgetChanged.class);
        if (changed.poison() && rejectPoison.get()) {
            throw new IllegalStateException("cannot apply poison widget " + changed.id());
        }
        int delay = delayMillis.get();
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement log = c.prepareStatement(
                     "INSERT INTO profile.apply_log (event_id, widget_id, version) VALUES (?, ?, ?)");
             PreparedStatement view = c.prepareStatement("INSERT INTO profile.widget_view (id, value, version) "
                     + "VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value, version = excluded.version "
                     + "WHERE widget_view.version < excluded.version")) {
            log.setString(1, event.id());
            log.setString(2, changed.id());
            log.setLong(3, changed.version());
            log.executeUpdate();
            view.setString(1, changed.id());
            view.setString(2, changed.value());
            view.setLong(3, changed.version());
            view.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        java.util.Map<String, Long> timings = appliedAtNanos;
        if (timings != null) {
            timings.put(event.id(), System.nanoTime());
        }
    }
}
