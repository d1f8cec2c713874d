package org.mentoring.profile.identity;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.mentoring.profile.profile.Profile;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.IdentityLink;
import org.mentoring.platform.web.ProblemException;

/** The profile that the verified bearer token belongs to, linked by the configured claim. */
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

    public UUID requireProfileId() {
        return profileId().orElseThrow(() -> ProblemException.notFound("Profile", "of the calling person"));
    }

    public boolean is(UUID id) {
        return profileId().map(id::equals).orElse(false);
    }

    /**
     * Whether this loaded profile is the caller's own, decided from the token's linking claim without a lookup: the
     * same rule {@link #profileId()} queries (email case-insensitively, or subject = employee id; never an erased
     * profile). Hot read paths use it so that reading a profile costs one query.
     */
    public boolean owns(Profile profile) {
        return profile != null && !profile.isErased() && owns(profile.externalId, profile.email);
    }

    /** Whether a profile with this employee id and email is the caller's own (same rule as {@link #owns(Profile)}). */
    public boolean owns(String externalId, String email) {
        return link.links(caller, externalId, email);
    }

    public Caller caller() {
        return caller;
    }

    private Optional<UUID> resolve() {
        return link.profileId(em, caller, "SELECT id FROM profile WHERE status <> 'erased'");
    }
}
