package org.mentoring.profile.profile;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears the database announce changed profiles (channel {@code profile_changed}, see migration V8) on a connection
 * it keeps from the pool, as the outbox relay does, and drops their cards from {@link DirectoryCardCache}. If the
 * connection is lost, the cache stops serving and forgets everything until a connection listens again (retried every
 * few seconds): changes announced meanwhile are not heard, so nothing kept from before can be trusted.
 */
@ApplicationScoped
public class ProfileChangeListener {

    private static final Logger LOG = Logger.getLogger(ProfileChangeListener.class);
    static final String CHANNEL = "profile_changed";
    /** Shown in pg_stat_activity while the pooled connection listens. */
    static final String APPLICATION_NAME = "profile-service change listener";

    @Inject
    DirectoryCardCache cache;

    @Inject
    DataSource dataSource;

    /** How long the connection may stay silent before it is checked with a query. */
    @ConfigProperty(name = "mentoring.profiles.card-cache.check-interval", defaultValue = "PT5S")
    Duration checkInterval;

    @ConfigProperty(name = "mentoring.profiles.card-cache.reconnect-delay", defaultValue = "PT2S")
    Duration reconnectDelay;

    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        if (!cache.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "profile-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        boolean warned = false;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try {
                    try (Statement s = c.createStatement()) {
                        s.execute("SET application_name = '" + APPLICATION_NAME + "'");
                        s.execute("LISTEN " + CHANNEL);
                    }
                    // a connection whose peer vanished without closing it fails its check instead of hanging
                    c.setNetworkTimeout(Runnable::run, (int) Math.max(10_000, checkInterval.toMillis() * 3));
                    cache.live(true);
                    if (warned) {
                        LOG.info("Hearing profile changes again; directory cards are served from memory");
                        warned = false;
                    }
                    listen(c);
                } finally {
                    cache.live(false);
                    release(c);
                }
            } catch (SQLException | RuntimeException e) {
                if (running && !warned) {
                    LOG.warnf("Not hearing profile changes (%s); directory cards are read from the database until it is back",
                            e.getMessage());
                    warned = true;
                }
            }
            pause(reconnectDelay);
        }
    }

    /** The connection goes back to the pool: what listening left on the session is cleared first. */
    private static void release(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("UNLISTEN *");
            s.execute("RESET application_name");
            c.setNetworkTimeout(Runnable::run, 0);
        } catch (SQLException e) {
            LOG.debug("clearing the change listener's session state", e);
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        int silence = (int) Math.max(1, checkInterval.toMillis());
        while (running) {
            PGNotification[] notifications = pg.getNotifications(silence);
            if (notifications == null || notifications.length == 0) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1"); // a dead connection throws here rather than staying silent
                }
                continue;
            }
            for (PGNotification n : notifications) {
                apply(n.getParameter());
            }
        }
    }

    void apply(String payload) {
        if (payload == null || payload.isEmpty() || "*".equals(payload)) {
            cache.changedAll();
            return;
        }
        for (String id : payload.split(",")) {
            try {
                cache.changed(UUID.fromString(id.trim()));
            } catch (IllegalArgumentException e) {
                cache.changedAll(); // not ours to interpret: forget everything rather than keep something stale
            }
        }
    }

    private void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
