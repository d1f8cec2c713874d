package org.mentoring.feedback.identity;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.mentoring.feedback.Sql;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.IdentityLink;
import org.mentoring.platform.web.ProblemException;

/** The profile the verified bearer token belongs to, found in the people read model kept from profile events. */
@RequestScoped
public class CurrentPerson {

    @Inject
    Caller caller;

    @Inject
    IdentityLink link;

    @Inject
    Sql sql;

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

    public boolean hasRole(String role) {
        return caller.hasRole(role);
    }

    private Optional<UUID> resolve() {
        Optional<String> linked = link.valueOf(caller);
        if (linked.isEmpty()) {
            return Optional.empty();
        }
        String column = link.bySubject() ? "external_id = ?" : "lower(email) = lower(?)";
        return sql.one("SELECT profile_id FROM person WHERE " + column + " AND NOT erased",
                rs -> Sql.uuid(rs, "profile_id"), linked.get());
    }
}
