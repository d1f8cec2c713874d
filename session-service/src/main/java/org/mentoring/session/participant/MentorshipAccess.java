package org.mentoring.session.participant;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.ProblemException;

/**
 * The object-level rules of this service in one place: who may see a mentorship's sessions and goals (participants,
 * its programme's admins, HR) and who may change them (participants only). Everyone else gets a 404, so the
 * existence of someone else's mentorship is not revealed.
 */
@RequestScoped
public class MentorshipAccess {

    @Inject
    CurrentPerson me;

    @Inject
    EntityManager em;

    /** The caller's access to the mentorship, if any. */
    public Optional<Access> of(Mentorship mentorship) {
        Optional<UUID> caller = me.profileId();
        if (caller.isPresent() && mentorship.hasParticipant(caller.get())) {
            return Optional.of(Access.PARTICIPANT);
        }
        if (me.caller().hasRole(Caller.HR_ADMIN)) {
            return Optional.of(Access.OVERSEER);
        }
        if (me.caller().hasRole(Caller.PROGRAM_ADMIN) && caller.isPresent() && mentorship.programId != null
                && administers(caller.get(), mentorship.programId)) {
            return Optional.of(Access.OVERSEER);
        }
        return Optional.empty();
    }

    /** The caller's access, or a 404 naming {@code what} when the caller has none. */
    public Access require(Mentorship mentorship, String what, Object id) {
        return of(mentorship).orElseThrow(() -> ProblemException.notFound(what, id));
    }

    /** The calling participant's profile id; a 404 for strangers and a 403 for overseers, who only read. */
    public UUID requireParticipant(Mentorship mentorship, String what, Object id) {
        Access access = require(mentorship, what, id);
        if (!access.full()) {
            throw ProblemException.forbidden("only the participants of mentorship " + mentorship.mentorshipId
                    + " may change its " + what.toLowerCase() + "s");
        }
        return me.requireProfileId();
    }

    public boolean administers(UUID profileId, UUID programId) {
        return !em.createNativeQuery("SELECT 1 FROM program_admin WHERE program_id = :p AND admin_id = :a")
                .setParameter("p", programId).setParameter("a", profileId).getResultList().isEmpty();
    }

    public CurrentPerson me() {
        return me;
    }
}
