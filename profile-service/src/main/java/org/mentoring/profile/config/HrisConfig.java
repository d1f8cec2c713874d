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

    /** Rows written per JDBC batch during a bulk import. */
    @WithDefault("1000")
    int importBatchSize();
}
