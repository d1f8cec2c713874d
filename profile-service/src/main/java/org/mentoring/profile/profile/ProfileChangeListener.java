package org.mentoring.profile.profile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears the database announce changed profiles (channel {@code profile_changed}, see migration V8) on a connection
 * of its own and drops their cards from {@link DirectoryCardCache}. If the connection is lost, the cache stops
 * serving and forgets everything until a new connection listens again (retried every few seconds): changes
 * announced meanwhile are not heard, so nothing kept from before can be trusted.
 */
@ApplicationScoped
public class ProfileChangeListener {

    private static final Logger LOG = Logger.getLogger(ProfileChangeListener.class);
    static final String CHANNEL = "profile_changed";

    @Inject
    DirectoryCardCache cache;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    /** How long the connection may stay silent before it is checked with a query. */
    @ConfigProperty(name = "mentoring.profiles.card-cache.check-interval", defaultValue = "PT5S")
    Duration checkInterval;

    @ConfigProperty(name = "mentoring.profiles.card-cache.reconnect-delay", defaultValue = "PT2S")
    Duration reconnectDelay;

    private volatile boolean running;
    private volatile Connection connection;
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
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException ignored) {
                // closing to wake the thread; it is ending anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        boolean warned = false;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                cache.live(true);
                if (warned) {
                    LOG.info("Hearing profile changes again; directory cards are served from memory");
                    warned = false;
                }
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (running && !warned) {
                    LOG.warnf("Not hearing profile changes (%s); directory cards are read from the database until it is back",
                            e.getMessage());
                    warned = true;
                }
            } finally {
                connection = null;
                cache.live(false);
            }
            pause(reconnectDelay);
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

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        user.ifPresent(u -> props.setProperty("user", u));
        password.filter(p -> !p.isEmpty()).ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "profile-service change listener");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("socketTimeout", String.valueOf(Math.max(10, checkInterval.toSeconds() * 3)));
        Connection c = DriverManager.getConnection(url, props);
        c.setAutoCommit(true);
        return c;
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
