package org.mentoring.matching.identity;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.IdentityLink;
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
    IdentityLink link;

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
        return link.profileId(em, caller, "SELECT profile_id FROM matching.candidate WHERE NOT erased");
    }
}
