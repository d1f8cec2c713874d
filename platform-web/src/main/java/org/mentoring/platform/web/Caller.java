package org.mentoring.platform.web;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the verified bearer token's subject, email and roles. Services decide object-level access from
 * this, never from anything the request body claims.
 */
@RequestScoped
public class Caller {

    public static final String EMPLOYEE = "employee";
    public static final String PROGRAM_ADMIN = "program-admin";
    public static final String HR_ADMIN = "hr-admin";
    public static final String INTEGRATION = "integration";

    @Inject
    JsonWebToken token;

    public String subject() {
        return token.getSubject();
    }

    /**
     * The token's email, unless the token says the identity provider has not verified it ({@code email_verified}
     * false): an address someone merely typed into their account must not make them the person who owns it. A
     * token without the claim (many providers leave it out of access tokens) counts as verified.
     */
    public Optional<String> email() {
        Object verified = token.getClaim("email_verified");
        if (verified != null && "false".equalsIgnoreCase(String.valueOf(verified).strip())) {
            return Optional.empty();
        }
        return Optional.ofNullable(token.<String>getClaim("email"));
    }

    public Set<String> roles() {
        return token.getGroups() == null ? Set.of() : token.getGroups();
    }

    public boolean hasRole(String role) {
        return roles().contains(role);
    }

    public boolean isAuthenticated() {
        return token.getRawToken() != null;
    }
}
