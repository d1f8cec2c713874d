package org.mentoring.platform.events;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the event backbone; every one can be set by environment variable ({@code MENTORING_EVENTS_...}). */
@ConfigMapping(prefix = "mentoring.events")
public interface EventsConfig {

    /** The schema holding this service's outbox, inbox and dead letters. */
    String schema();

    /** CloudEvents {@code source} of what this service publishes, e.g. {@code /mentoring/profile-service}. */
    String source();

    /** Kafka consumer group of this service. */
    String groupId();

    /** Topic receiving records this service could not apply. */
    String deadLetterTopic();

    Relay relay();

    Consumer consumer();

    interface Relay {
        /** Whether this replica takes part in publishing the outbox (one leader publishes at a time). */
        @WithDefault("true")
        boolean enabled();

        /** Longest wait for a new row when no notification arrives. */
        @WithDefault("500ms")
        Duration pollInterval();

        @WithDefault("500")
        int batchSize();

        /** How long sent rows are kept before they are pruned. */
        @WithDefault("P7D")
        Duration retention();

        /** How often a replica that is not the leader tries to become it. */
        @WithDefault("2s")
        Duration leaderRetry();
    }

    interface Consumer {
        @WithDefault("true")
        boolean enabled();

        /** Attempts at applying one record before it goes to the dead-letter topic. */
        @WithDefault("5")
        int maxAttempts();

        /** Pause before the first retry; doubles with each further attempt. */
        @WithDefault("100ms")
        Duration retryBackoff();

        @WithDefault("200")
        int maxPollRecords();

        /**
         * How long the inbox remembers an applied event, to drop it should it come again: longer than any topic keeps
         * its records (14 days), as a consumer group whose offsets were lost reads its topics from the start.
         */
        @WithDefault("P30D")
        Duration inboxRetention();

        /** Topics to subscribe to; by default those the handlers declare. */
        Optional<java.util.List<String>> topics();
    }
}
