package org.mentoring.profile.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
                ? "SELECT id FROM profile WHERE external_id = :v AND status <> 'erased'"
                : "SELECT id FROM profile WHERE lower(email) = lower(:v) AND status <> 'erased'";
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery(sql, UUID.class).setParameter("v", value).getResultList();
        return ids.stream().findFirst();
    }
}
