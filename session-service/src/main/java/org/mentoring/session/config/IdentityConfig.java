package org.mentoring.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a verified bearer token is linked to the caller's profile, as profile-service links it. */
@ConfigMapping(prefix = "mentoring.identity")
public interface IdentityConfig {

    /**
     * Which claim identifies the person: {@code email} matches the profile's email (case-insensitive); {@code sub}
     * matches the profile's HRIS employee id.
     */
    @WithDefault("email")
    LinkClaim linkClaim();

    enum LinkClaim {
        email, sub
    }
}
