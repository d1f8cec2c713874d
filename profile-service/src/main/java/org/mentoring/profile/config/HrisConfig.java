package org.mentoring.profile.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the inbound HRIS edge. */
@ConfigMapping(prefix = "mentoring.hris")
public interface HrisConfig {

    /** How far a webhook's timestamp may be from our clock, either way, before it is refused as a replay. */
    @WithDefault("PT5M")
    Duration timestampTolerance();

    /** Largest webhook body accepted, in bytes. */
    @WithDefault("262144")
    int maxEventBytes();

    /** How long the previous secret keeps verifying after a rotation. */
    @WithDefault("PT24H")
    Duration secretRotationGrace();

    /** A bulk import records its progress every ten times this many rows. */
    @WithDefault("1000")
    int importBatchSize();

    /**
     * From how many new profiles an import that more than doubles the directory (an initial load) inserts them with
     * the profile table's secondary indexes set aside and builds those indexes once afterwards, instead of updating
     * them row by row. The table is then locked, reads included, until the import commits: seconds for 100,000
     * people. {@code 0} never does.
     */
    @WithDefault("10000")
    int importRebuildIndexesFrom();

    /**
     * From how many rows an import may pass over a row that is the same as the one that last set its person, who has
     * not changed since. Smaller files are compared in full: reading every known row's digest would cost more than it
     * saves.
     */
    @WithDefault("1000")
    int importPassOverFrom();
}
