package org.mentoring.feedback.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a verified bearer token is linked to the caller's profile: the same rule as profile-service applies. */
@ConfigMapping(prefix = "mentoring.identity")
public interface IdentityConfig {

    /** {@code email} matches the profile's email (case-insensitive); {@code sub} matches its HRIS employee id. */
    @WithDefault("email")
    LinkClaim linkClaim();

    enum LinkClaim {
        email, sub
    }
}
