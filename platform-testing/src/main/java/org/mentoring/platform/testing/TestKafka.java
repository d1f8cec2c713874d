package org.mentoring.platform.testing;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.mentoring.platform.kafka.EmbeddedKafkaBroker;

/** The one real Kafka broker of this test JVM, started on first use and stopped when the JVM ends. */
public final class TestKafka {

    private static final Logger[] QUIET = {
            Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"), Logger.getLogger("state.change.logger")};
    private static EmbeddedKafkaBroker broker;

    private TestKafka() {
    }

    public static synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            for (Logger logger : QUIET) {
                logger.setLevel(Level.WARNING);
            }
            EmbeddedKafkaBroker started = EmbeddedKafkaBroker.startEphemeral();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-kafka-stop"));
            broker = started;
        }
        return broker;
    }

    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }
}
