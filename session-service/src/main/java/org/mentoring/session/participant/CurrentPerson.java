package org.mentoring.session.participant;

import java.util.List;
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
        Optional<String> linked = link.valueOf(caller);
        if (linked.isEmpty()) {
            return Optional.empty();
        }
        String value = linked.get();
        String sql = link.bySubject()
                ? "SELECT profile_id FROM person WHERE external_id = :v AND NOT erased"
                : "SELECT profile_id FROM person WHERE lower(email) = lower(:v) AND NOT erased";
        // No result class: Hibernate 7 keys its native query cache by a mapping that a result class makes unique
        // per call, so the cache fills with equal-hash entries and every lookup walks them all.
        List<?> ids = em.createNativeQuery(sql).setParameter("v", value).getResultList();
        return ids.stream().findFirst().map(UUID.class::cast);
    }
}
