package org.mentoring.platform.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real, single-node Apache Kafka broker in KRaft mode (broker and controller in one process), started from
 * Kafka's own artifacts. Tests start it inside their JVM on free loopback ports; the local stack starts it as a
 * child process on port 9092 through {@link #main(String[])}. It can be stopped and started again on the same
 * ports and data directory, which is how fault tests take Kafka away and bring it back.
 *
 * <p>The broker's version is the one the Quarkus BOM brings, so it shares a classpath with the services'
 * kafka-clients without conflict.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path dataDirectory;
    private final boolean deleteOnClose;
    private final int port;
    private final int controllerPort;
    private final int defaultPartitions;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path dataDirectory, boolean deleteOnClose, int port, int controllerPort,
                                int defaultPartitions) {
        this.dataDirectory = dataDirectory;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
        this.controllerPort = controllerPort;
        this.defaultPartitions = defaultPartitions;
    }

    /** A broker on free loopback ports with a throw-away data directory, deleted on {@link #close()}. */
    public static EmbeddedKafkaBroker startEphemeral() {
        try {
            Path dir = Files.createTempDirectory("mentoring-kafka-");
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, true, freePort(), freePort(), 3);
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A broker on a fixed port whose data survives restarts (the local stack). The controller listens on the
     * next port up.
     */
    public static EmbeddedKafkaBroker startPersistent(Path dataDirectory, int port) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDirectory, false, port, port + 1, 3);
        broker.start();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Starts the broker (formatting its storage the first time) and waits until it accepts connections. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(dataDirectory);
            format();
            KafkaConfig config = new KafkaConfig(brokerProperties(), false);
            KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
            raftServer.startup();
            server = raftServer;
            awaitListening(Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker did not start in " + dataDirectory, e);
        }
    }

    /** Stops the broker but keeps its data, so {@link #start()} brings back every topic and record. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    @Override
    public synchronized void close() {
        stop();
        if (deleteOnClose) {
            deleteRecursively(dataDirectory);
        }
    }

    private void format() throws Exception {
        if (Files.exists(dataDirectory.resolve("meta.properties"))) {
            return;
        }
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(dataDirectory.toString())
                .addDirectory(dataDirectory.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setIgnoreFormatted(true);
        formatter.run();
    }

    private Properties brokerProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDirectory.toString());
        p.put("metadata.log.dir", dataDirectory.toString());
        p.put("num.partitions", String.valueOf(defaultPartitions));
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return p;
    }

    private void awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("Kafka broker not listening on port " + port + " after " + timeout);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a persistent broker until the process is told to stop. Arguments: {@code --port 9092 --data-dir DIR}.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 9092;
        Path data = Path.of("kafka-data");
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--data-dir" -> data = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        EmbeddedKafkaBroker broker = startPersistent(data, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-broker-shutdown"));
        System.out.println("Kafka broker ready on " + broker.bootstrapServers() + " (data in " + data.toAbsolutePath() + ")");
        stopped.await();
    }
}
