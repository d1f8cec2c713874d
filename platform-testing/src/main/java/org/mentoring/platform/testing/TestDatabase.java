package org.mentoring.platform.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A PostgreSQL database of its own for one test run, on the server named by {@code MENTORING_TEST_DB_ADMIN_URL}
 * (default: the server on 127.0.0.1:5432). Every service gets a login role of its own for this run, like the
 * per-service roles of a deployment, so tests see the same schema isolation as production. The database and the
 * roles are dropped when the JVM ends; leftovers of killed runs older than a few hours are dropped on the next start.
 */
public final class TestDatabase {

    public static final List<String> SERVICES = List.of("profile", "matching", "session", "feedback");
    private static final String PREFIX = "mentoring_test_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static TestDatabase current;

    private final String adminUrl;
    private final String adminUser;
    private final String adminPassword;
    private final String name;
    private final String password;

    private TestDatabase(String adminUrl, String adminUser, String adminPassword, String name, String password) {
        this.adminUrl = adminUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.name = name;
        this.password = password;
    }

    /** The database of this JVM's test run, created on first use. */
    public static synchronized TestDatabase current() {
        if (current == null) {
            String url = env("MENTORING_TEST_DB_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
            String user = env("MENTORING_TEST_DB_ADMIN_USER", "postgres");
            String pw = env("MENTORING_TEST_DB_ADMIN_PASSWORD", "");
            String run = LocalDateTime.now().format(STAMP) + "_" + HexFormat.of().formatHex(randomBytes(3));
            TestDatabase db = new TestDatabase(url, user, pw, PREFIX + run, HexFormat.of().formatHex(randomBytes(12)));
            db.create();
            Runtime.getRuntime().addShutdownHook(new Thread(db::drop, "test-database-drop"));
            current = db;
        }
        return current;
    }

    public String name() {
        return name;
    }

    /** JDBC URL of this run's database. */
    public String jdbcUrl() {
        int slash = adminUrl.lastIndexOf('/');
        String base = adminUrl.substring(0, slash + 1);
        String query = "";
        int q = adminUrl.indexOf('?', slash);
        if (q >= 0) {
            query = adminUrl.substring(q);
        }
        return base + name + query;
    }

    /** The login role that the given service uses in this run. */
    public String role(String service) {
        return name + "_" + service;
    }

    public String password() {
        return password;
    }

    /** A connection to this run's database as the server's administrator (for test set-up and inspection). */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), adminUser, adminPassword);
    }

    /** A connection to this run's database as the given service's own role. */
    public Connection serviceConnection(String service) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), role(service), password);
    }

    private void create() {
        try (Connection c = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
             Statement s = c.createStatement()) {
            dropStale(c);
            s.execute("CREATE DATABASE " + name);
            s.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
            for (String service : SERVICES) {
                String role = role(service);
                s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
                s.execute("GRANT CONNECT, CREATE, TEMPORARY ON DATABASE " + name + " TO " + role);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database on " + adminUrl
                    + " (set MENTORING_TEST_DB_ADMIN_URL, _USER and _PASSWORD to a PostgreSQL server you administer)", e);
        }
    }

    private void drop() {
        try (Connection c = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
             Statement s = c.createStatement()) {
            dropDatabaseAndRoles(s, name);
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static void dropStale(Connection c) throws SQLException {
        String cutoff = LocalDateTime.now().minusHours(6).format(STAMP);
        List<String> stale = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
            while (rs.next()) {
                String db = rs.getString(1);
                String stamp = db.substring(PREFIX.length()).split("_")[0];
                if (stamp.compareTo(cutoff) < 0) {
                    stale.add(db);
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String db : stale) {
                dropDatabaseAndRoles(s, db);
            }
        }
    }

    private static void dropDatabaseAndRoles(Statement s, String db) throws SQLException {
        s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        for (String service : SERVICES) {
            s.execute("DROP ROLE IF EXISTS " + db + "_" + service.toLowerCase(Locale.ROOT));
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
