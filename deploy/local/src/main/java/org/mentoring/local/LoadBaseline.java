package org.mentoring.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bare database beside the platform: {@code pgbench -S} (select-only) on the same PostgreSQL server at the same
 * concurrency, in its own {@code pgbench_load} database (initialised at scale 10 the first time), so a run's peak
 * can be read as a fraction of what the server itself answers.
 */
final class LoadBaseline {

    static final String DATABASE = "pgbench_load";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private final String adminUrl;
    private final String user;
    private final String password;

    LoadBaseline(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    static boolean available() {
        try {
            return new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Transactions per second of {@code pgbench -S} with {@code clients} clients for {@code seconds}. */
    OptionalDouble selectOnly(int clients, int seconds) throws IOException, InterruptedException, SQLException {
        if (createDatabase()) {
            System.out.println("initialising " + DATABASE + " (pgbench -i -s 10)");
            run(pgbench("-i", "-s", "10", "-q", DATABASE));
        }
        String out = run(pgbench("-S", "-n", "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds),
                DATABASE));
        Matcher tps = TPS.matcher(out);
        return tps.find() ? OptionalDouble.of(Double.parseDouble(tps.group(1))) : OptionalDouble.empty();
    }

    private boolean createDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, DATABASE);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
            return true;
        }
    }

    private List<String> pgbench(String... args) {
        String rest = adminUrl.substring("jdbc:postgresql://".length());
        String hostPort = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
        String port = hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432";
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", host, "-p", port, "-U", user));
        command.addAll(List.of(args));
        return command;
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!password.isEmpty()) {
            builder.environment().put("PGPASSWORD", password);
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
