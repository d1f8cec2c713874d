package org.mentoring.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import org.mentoring.platform.kafka.EmbeddedKafkaBroker;

/**
 * The Java half of {@code deploy/local/mentoring}: what is easier to do on the JVM than in a shell script.
 * <ul>
 *   <li>{@code kafka --port P --data-dir D}: run the real Kafka broker until stopped;</li>
 *   <li>{@code db-setup --admin-url U --admin-user A --database N --password-file F}: create the local database and
 *       one login role per service, each able to create its own schema and nothing more;</li>
 *   <li>{@code token --key K --issuer I [--role R]... EMAIL}: print a bearer token signed with the dev key;</li>
 *   <li>{@code seed --key K --issuer I --profile-url U --data-dir D [--people N] [--seed S]
 *       [--matching-url M --session-url S --feedback-url F]}: load the demo organisation through the services' own
 *       APIs, and with the other services' URLs its mentorships, programmes, sessions, goals, feedback and kudos;</li>
 *   <li>{@code employees-csv [--people N] [--seed S] FILE}: write the demo organisation as an HRIS import file (the
 *       bulk import benchmark, docs/load/import.sh, imports it);</li>
 *   <li>{@code load --key K --issuer I --profile-url U --matching-url M --session-url S --feedback-url F
 *       --data-dir D --admin-url A --admin-user U [--minutes 10] [--fraction 0.7] [--peak-seconds 60]
 *       [--workers 32] ...}: the load run of {@link LoadRun} against the running stack.</li>
 * </ul>
 */
public final class LocalStack {

    static final List<String> SERVICES = List.of("profile", "matching", "session", "feedback");

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: kafka|db-setup|token ...");
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "kafka" -> EmbeddedKafkaBroker.main(rest);
                case "db-setup" -> dbSetup(new Options(rest));
                case "token" -> token(new Options(rest));
                case "seed" -> seed(new Options(rest));
                case "employees-csv" -> employeesCsv(new Options(rest));
                case "load" -> System.exit(load(new Options(rest).allowOnly("load", LOAD_OPTIONS)) == 0 ? 0 : 1);
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** The options of {@code load}: those the launcher passes, and the run's own settings. */
    static final Set<String> LOAD_OPTIONS = Set.of("--key", "--issuer", "--profile-url", "--matching-url",
            "--session-url", "--feedback-url", "--data-dir", "--admin-url", "--admin-user", "--admin-password",
            "--minutes", "--fraction", "--peak-seconds", "--workers", "--sample", "--pairs", "--warmup-seconds", "--rate");

    /** A command line the command does not understand: reported in one line, before anything starts. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    private static void dbSetup(Options options) throws Exception {
        String adminUrl = options.value("--admin-url");
        String adminUser = options.value("--admin-user");
        String adminPassword = options.valueOr("--admin-password", "");
        String database = options.value("--database");
        String password = Files.readString(Path.of(options.value("--password-file"))).trim();
        requireIdentifier(database);
        try (Connection c = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
             Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                s.execute("CREATE DATABASE " + database);
                System.out.println("created database " + database);
            }
            for (String service : SERVICES) {
                String role = "mentoring_" + service;
                if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
                    s.execute("CREATE ROLE " + role + " LOGIN");
                    System.out.println("created role " + role);
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT format('ALTER ROLE %I PASSWORD %L', ?, ?)")) {
                    ps.setString(1, role);
                    ps.setString(2, password);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        s.execute(rs.getString(1));
                    }
                }
                s.execute("GRANT CONNECT, CREATE, TEMPORARY ON DATABASE " + database + " TO " + role);
            }
        } catch (SQLException e) {
            System.err.println("Cannot prepare PostgreSQL at " + adminUrl + " as " + adminUser + ": " + e.getMessage());
            System.exit(3);
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void seed(Options options) throws Exception {
        String key = Path.of(options.value("--key")).toAbsolutePath().toUri().toString();
        String issuer = options.value("--issuer");
        DemoSeed seed = new DemoSeed(options.value("--profile-url"), (email, roles) -> sign(key, issuer, email, roles));
        long randomSeed = Long.parseLong(options.valueOr("--seed", "42"));
        DemoSeed.Seeded seeded = seed.run(Integer.parseInt(options.valueOr("--people", "300")), randomSeed);
        Path dataDir = Path.of(options.value("--data-dir"));
        DemoSeed.writeDemoUser(dataDir, seeded.demoEmail());
        new DemoSeed.Population(seeded.people().size(), randomSeed).write(dataDir);
        String matching = options.valueOr("--matching-url", null);
        if (matching != null) {
            DemoMentoring.Urls urls = new DemoMentoring.Urls(matching, options.value("--session-url"),
                    options.value("--feedback-url"));
            new DemoMentoring(urls, (email, roles) -> sign(key, issuer, email, roles), seeded, randomSeed)
                    .run(seeded.demoEmail());
        }
        System.out.println("demo employee: " + seeded.demoEmail());
    }

    private static void employeesCsv(Options options) throws IOException {
        List<String> positional = options.positional();
        if (positional.size() != 1) {
            throw new IllegalArgumentException("employees-csv needs exactly one output file");
        }
        int people = Integer.parseInt(options.valueOr("--people", "100000"));
        long randomSeed = Long.parseLong(options.valueOr("--seed", "42"));
        Files.writeString(Path.of(positional.get(0)),
                DemoOrganisation.csv(DemoOrganisation.generate(people, randomSeed)));
    }

    private static long load(Options options) throws Exception {
        String key = Path.of(options.value("--key")).toAbsolutePath().toUri().toString();
        String issuer = options.value("--issuer");
        Path dataDir = Path.of(options.value("--data-dir"));
        DemoSeed.Population population = DemoSeed.Population.read(dataDir).orElseThrow(() ->
                new IllegalStateException("no demo organisation recorded in " + dataDir + "; start the stack with "
                        + "'mentoring up' (with demo data) first"));
        LoadTarget target = new LoadTarget(options.value("--profile-url"), options.value("--matching-url"),
                options.value("--session-url"), options.value("--feedback-url"),
                (email, roles) -> sign(key, issuer, email, roles));
        LoadRun.Settings settings = new LoadRun.Settings(
                Double.parseDouble(options.valueOr("--minutes", "10")),
                Double.parseDouble(options.valueOr("--fraction", "0.7")),
                Integer.parseInt(options.valueOr("--peak-seconds", "60")),
                Integer.parseInt(options.valueOr("--workers", "32")),
                Integer.parseInt(options.valueOr("--sample", "1000")),
                Integer.parseInt(options.valueOr("--pairs", "200")),
                Integer.parseInt(options.valueOr("--warmup-seconds", "10")),
                Double.parseDouble(options.valueOr("--rate", "0")),
                dataDir, population.people(), population.seed());
        LoadBaseline baseline = LoadBaseline.available() ? new LoadBaseline(options.value("--admin-url"),
                options.value("--admin-user"), options.valueOr("--admin-password", "")) : null;
        return new LoadRun(target, settings).run(baseline);
    }

    /** The audience the local stack's services expect (MENTORING_JWT_AUDIENCE in deploy/local/mentoring). */
    static final String AUDIENCE = "mentoring-api";

    private static String sign(String keyLocation, String issuer, String email, Set<String> roles) {
        Set<String> groups = new HashSet<>(roles);
        groups.add("employee");
        return Jwt.issuer(issuer)
                .audience(AUDIENCE)
                .subject(email)
                .upn(email)
                .claim("email", email)
                .groups(groups)
                .expiresIn(Duration.ofHours(12))
                .sign(keyLocation);
    }

    private static void token(Options options) {
        List<String> positional = options.positional();
        if (positional.size() != 1) {
            throw new IllegalArgumentException("token needs exactly one email");
        }
        String email = positional.get(0);
        Set<String> roles = new HashSet<>(options.values("--role"));
        System.out.println(sign(Path.of(options.value("--key")).toAbsolutePath().toUri().toString(),
                options.value("--issuer"), email, roles));
    }

    private static void requireIdentifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
    }

    /** Minimal {@code --name value} option parsing with repeatable options and positional arguments. */
    static final class Options {
        private final List<String[]> pairs = new ArrayList<>();
        private final List<String> positional = new ArrayList<>();

        Options(String[] args) {
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("--") && i + 1 < args.length) {
                    pairs.add(new String[] {args[i], args[++i]});
                } else {
                    positional.add(args[i]);
                }
            }
        }

        /**
         * Refuses options the command does not know and any positional argument, so that a misspelt option, or
         * {@code --help}, stops a long run before it starts rather than being ignored.
         */
        Options allowOnly(String command, Set<String> known) {
            List<String> unknown = new ArrayList<>();
            pairs.stream().map(p -> p[0]).filter(name -> !known.contains(name)).forEach(unknown::add);
            unknown.addAll(positional);
            if (!unknown.isEmpty()) {
                throw new UsageException(command + ": not an option of this command: " + String.join(" ", unknown)
                        + " (it takes " + known.stream().sorted().collect(java.util.stream.Collectors.joining(" ")) + ")");
            }
            return this;
        }

        String value(String name) {
            String v = valueOr(name, null);
            if (v == null) {
                throw new IllegalArgumentException("missing option " + name);
            }
            return v;
        }

        String valueOr(String name, String fallback) {
            return pairs.stream().filter(p -> p[0].equals(name)).map(p -> p[1]).findFirst().orElse(fallback);
        }

        List<String> values(String name) {
            return pairs.stream().filter(p -> p[0].equals(name)).map(p -> p[1]).toList();
        }

        List<String> positional() {
            return positional;
        }
    }
}
