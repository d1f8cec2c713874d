package org.mentoring.platform.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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

    /**
     * Whether the caller's token links to the person with this employee id and email: the rule
     * {@link #profileId} applies in SQL, for a person already loaded.
     */
    public boolean links(Caller caller, String externalId, String email) {
        Optional<String> linked = valueOf(caller);
        if (linked.isEmpty()) {
            return false;
        }
        if (bySubject()) {
            return linked.get().equals(externalId);
        }
        return email != null && linked.get().toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT));
    }

    /**
     * The caller's profile id in a service's own copy of the people. {@code select} names the id column and the
     * table and leaves out erased people, e.g. {@code SELECT profile_id FROM person WHERE NOT erased}; the linking
     * claim's condition is added to it.
     */
    public Optional<UUID> profileId(EntityManager em, Caller caller, String select) {
        Optional<String> linked = valueOf(caller);
        if (linked.isEmpty()) {
            return Optional.empty();
        }
        String sql = select + (bySubject() ? " AND external_id = :v" : " AND lower(email) = lower(:v)");
        // No result class: Hibernate 7 keys its native query cache by a mapping that a result class makes unique
        // per call, so the cache would fill with equal-hash entries that every lookup walks.
        List<?> ids = em.createNativeQuery(sql).setParameter("v", linked.get()).getResultList();
        return ids.stream().findFirst().map(UUID.class::cast);
    }
}
