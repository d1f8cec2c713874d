package org.mentoring.matching.mentorship;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of informal mentorship requests. */
@ConfigMapping(prefix = "mentoring.matching")
public interface MentorshipConfig {

    /** How long a request waits for an answer before it expires (ISO-8601, e.g. P14D). */
    @WithDefault("P14D")
    Duration requestExpiry();

    /** How often due requests are looked for (read by the scheduler from the same key). */
    @WithDefault("60s")
    Duration expiryCheck();
}
