package org.mentoring.matching.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.ProblemException;

/**
 * The profile the verified bearer token belongs to, found in matching's own candidate read model (never by asking
 * profile-service), linked by the configured claim.
 */
@RequestScoped
public class CurrentPerson {

    @Inject
    Caller caller;

    @Inject
    IdentityConfig config;

    @Inject
    EntityManager em;

    private Optional<UUID> profileId;

    public Optional<UUID> profileId() {
        if (profileId == null) {
            profileId = resolve();
        }
        return profileId;
    }

    /** The caller's profile id, or 404 when the token belongs to nobody matching knows. */
    public UUID requireProfileId() {
        return profileId().orElseThrow(() -> ProblemException.notFound("Profile", "of the calling person"));
    }

    public boolean is(UUID id) {
        return profileId().map(id::equals).orElse(false);
    }

    /** HR and programme administrators oversee every mentorship and may act for anyone. */
    public boolean isAdmin() {
        return caller.hasRole(Caller.HR_ADMIN) || caller.hasRole(Caller.PROGRAM_ADMIN);
    }

    public Caller caller() {
        return caller;
    }

    private Optional<UUID> resolve() {
        if (!caller.isAuthenticated()) {
            return Optional.empty();
        }
        String sql;
        String value;
        if (config.linkClaim() == IdentityConfig.LinkClaim.sub) {
            sql = "SELECT profile_id FROM matching.candidate WHERE external_id = :v AND NOT erased";
            value = caller.subject();
        } else {
            sql = "SELECT profile_id FROM matching.candidate WHERE lower(email) = lower(:v) AND NOT erased";
            value = caller.email().orElse(null);
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery(sql, UUID.class).setParameter("v", value).getResultList();
        return ids.stream().findFirst();
    }
}
