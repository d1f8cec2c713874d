package org.mentoring.platform.web;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How every service links a verified token to a person's profile, set once by {@code mentoring.identity.link-claim}
 * ({@code MENTORING_IDENTITY_LINK_CLAIM}): {@code email} matches the token's email claim to the profile's email
 * (case-insensitive), {@code sub} matches its subject to the profile's HRIS employee id. Each service looks the
 * value up in its own copy of the people it knows.
 */
@ApplicationScoped
public class IdentityLink {

    public enum Claim {
        email, sub
    }

    @ConfigProperty(name = "mentoring.identity.link-claim", defaultValue = "email")
    Claim claim;

    /** True when tokens are linked by subject to the employee id, false when by email. */
    public boolean bySubject() {
        return claim == Claim.sub;
    }

    /** The caller's value of the linking claim; empty when the token carries none. */
    public Optional<String> valueOf(Caller caller) {
        if (!caller.isAuthenticated()) {
            return Optional.empty();
        }
        String value = bySubject() ? caller.subject() : caller.email().orElse(null);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
