package org.mentoring.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mentoring.platform.testing.TestDatabase;
import org.mentoring.platform.testing.TestTokens;

/**
 * The whole platform, started the way {@code deploy/local/mentoring up} starts it: the four service jars of this build
 * as separate JVMs configured by the same environment variables, a Kafka broker in its own JVM (from the local
 * stack launcher, with a data directory so it can be stopped and started again), and this run's PostgreSQL database
 * behind a {@link TcpProxy} so a test can take the database away. One system per test JVM, stopped at exit.
 */
final class MentoringSystem {

    static final List<String> SERVICES = List.of("profile", "matching", "session", "feedback");
    /**
     * The webhook retry schedule of these runs ({@code MENTORING_WEBHOOKS_RETRY_SCHEDULE}). The default (5s, 5m, 30m,
     * 2h, 5h, 10h, 10h: about 28 hours before a subscription is disabled) has the same growing shape; this one tries a
     * receiver again at most about 18 s after it returns and allows about four minutes of failures, so an outage test
     * takes minutes, not hours.
     */
    static final String WEBHOOK_RETRY_SCHEDULE = "1s,2s,5s,10s" + ",15s".repeat(16);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static MentoringSystem instance;

    private final Path root;
    private final Path work;
    private final TestDatabase database;
    private final TcpProxy databaseProxy;
    private final int kafkaPort;
    private final ChildProcess kafka;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ChildProcess> services = new LinkedHashMap<>();

    private MentoringSystem() {
        root = repositoryRoot();
        work = root.resolve("system-tests/target/system");
        Path logs = work.resolve("logs-" + System.currentTimeMillis());
        database = TestDatabase.current();
        URI admin = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        databaseProxy = new TcpProxy(admin.getHost(), admin.getPort() < 0 ? 5432 : admin.getPort());

        kafkaPort = FreePorts.nextPair();
        Path launcher = root.resolve("deploy/local/target/local-stack.jar");
        require(launcher);
        kafka = new ChildProcess("kafka", List.of(java(), "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", launcher.toString(), "org.mentoring.local.LocalStack", "kafka", "--port",
                String.valueOf(kafkaPort), "--data-dir", work.resolve("kafka-" + kafkaPort).toString()), Map.of(), logs);

        Path publicKey = extractTestPublicKey();
        // A key of this run's own for the signing secrets profile-service stores (the others ignore it).
        byte[] sealingKey = new byte[32];
        new java.security.SecureRandom().nextBytes(sealingKey);
        String secretsKeys = "system:" + java.util.Base64.getEncoder().encodeToString(sealingKey);
        String dbUrl = "jdbc:postgresql://127.0.0.1:" + databaseProxy.port() + "/" + database.name();
        for (String service : SERVICES) {
            int port = FreePorts.next();
            ports.put(service, port);
            Path jar = root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
            require(jar);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("MENTORING_DB_URL", dbUrl);
            env.put("MENTORING_DB_USER", database.role(service));
            env.put("MENTORING_DB_PASSWORD", database.password());
            env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
            env.put("MENTORING_JWT_ISSUER", TestTokens.ISSUER);
            env.put("MENTORING_JWT_AUDIENCE", TestTokens.AUDIENCE);
            env.put("MENTORING_JWT_PUBLIC_KEY_LOCATION", "file:" + publicKey);
            env.put("MENTORING_SECRETS_KEYS", secretsKeys);
            env.put("MENTORING_LOG_JSON", "false");
            env.put("MENTORING_HTTP_PORT", String.valueOf(port));
            // Outbound webhooks may target this machine in the tests (as in the local stack).
            env.put("MENTORING_WEBHOOKS_ALLOW_HTTP", "true");
            env.put("MENTORING_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
            env.put("MENTORING_WEBHOOKS_RETRY_SCHEDULE", WEBHOOK_RETRY_SCHEDULE);
            List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString()));
            services.put(service, new ChildProcess(service, command, env, logs));
        }
    }

    static synchronized MentoringSystem get() {
        if (instance == null) {
            MentoringSystem system = new MentoringSystem();
            Runtime.getRuntime().addShutdownHook(new Thread(system::shutdown, "system-stop"));
            system.startAll();
            instance = system;
        }
        return instance;
    }

    TestDatabase database() {
        return database;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** SIGKILL one service. */
    void kill(String service) {
        services.get(service).kill();
    }

    /** Starts a stopped or killed service and waits until it is ready. */
    void start(String service) {
        ChildProcess p = services.get(service);
        p.start();
        p.awaitHttpOk(url(service) + "/q/health/ready", READY_TIMEOUT);
    }

    void stopKafka() {
        kafka.stop();
    }

    void startKafka() {
        kafka.start();
        awaitPort(kafkaPort, Duration.ofMinutes(1));
    }

    /** Every service loses its database connections and cannot open new ones until {@link #restoreDatabase()}. */
    void cutDatabase() {
        databaseProxy.cut();
    }

    void restoreDatabase() {
        databaseProxy.restore();
    }

    Path logOf(String service) {
        return services.get(service).log();
    }

    private void startAll() {
        startKafka();
        for (ChildProcess service : services.values()) {
            service.start();
        }
        for (String service : SERVICES) {
            services.get(service).awaitHttpOk(url(service) + "/q/health/ready", READY_TIMEOUT);
        }
    }

    private void shutdown() {
        for (ChildProcess service : services.values()) {
            service.stop();
        }
        kafka.stop();
        databaseProxy.close();
    }

    private void awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!kafka.alive()) {
                throw new IllegalStateException("the Kafka broker exited; see " + kafka.log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                ChildProcess.sleep(200);
            }
        }
        throw new IllegalStateException("Kafka not listening on " + port + "; see " + kafka.log());
    }

    private Path extractTestPublicKey() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(TestTokens.PUBLIC_KEY)) {
            if (in == null) {
                throw new IllegalStateException(TestTokens.PUBLIC_KEY + " is not on the test class path");
            }
            Path file = work.resolve("keys/public.pem");
            Files.createDirectories(file.getParent());
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void require(Path artifact) {
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException(artifact + " is missing: build the services first (./mvnw verify builds them"
                    + " before this module)");
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the repository");
        }
        return dir;
    }
}
