package org.mentoring.profile.identity;

import java.util.List;
import java.util.Locale;
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
        if (profile == null || profile.isErased()) {
            return false;
        }
        Optional<String> linked = link.valueOf(caller);
        if (linked.isEmpty()) {
            return false;
        }
        if (link.bySubject()) {
            return linked.get().equals(profile.externalId);
        }
        return profile.email != null && linked.get().toLowerCase(Locale.ROOT).equals(profile.email.toLowerCase(Locale.ROOT));
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
        // No result class: Hibernate 7 keys its native query cache by a mapping that a result class makes unique
        // per call, so the cache fills with equal-hash entries and every lookup walks them all.
        List<?> ids = em.createNativeQuery(sql).setParameter("v", value).getResultList();
        return ids.stream().findFirst().map(UUID.class::cast);
    }
}
