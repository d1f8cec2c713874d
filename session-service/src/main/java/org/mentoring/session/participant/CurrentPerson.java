package org.mentoring.session.participant;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.IdentityLink;
import org.mentoring.platform.web.ProblemException;

/** The profile the verified bearer token belongs to, found in the participants read model by the configured claim. */
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

    public Caller caller() {
        return caller;
    }

    private Optional<UUID> resolve() {
        return link.profileId(em, caller, "SELECT profile_id FROM person WHERE NOT erased");
    }
}
