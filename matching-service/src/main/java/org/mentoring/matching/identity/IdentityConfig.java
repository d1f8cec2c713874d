package org.mentoring.matching.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a verified bearer token is linked to the caller's own profile; the same rule as profile-service's. */
@ConfigMapping(prefix = "mentoring.identity")
public interface IdentityConfig {

    /**
     * {@code email} matches the profile's email (case-insensitive); {@code sub} matches the profile's HRIS
     * employee id.
     */
    @WithDefault("email")
    LinkClaim linkClaim();

    enum LinkClaim {
        email, sub
    }
}
