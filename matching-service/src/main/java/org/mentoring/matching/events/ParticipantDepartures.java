package org.mentoring.matching.events;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.mentoring.matching.mentorship.MentorshipService;
import org.mentoring.matching.program.ProgramErasure;
import org.mentoring.platform.events.EventHandler;
import org.mentoring.platform.events.ReceivedEvent;

/**
 * When a person leaves (profile deactivated) or is erased, their open mentorships end and their open requests
 * close; erasure also removes the words they wrote and what programmes keep about them ({@link ProgramErasure}). A
 * deactivation older than what the read model already holds changes nothing when the person is employed again at that
 * later version (active, or on leave since).
 */
@ApplicationScoped
public class ParticipantDepartures implements EventHandler {

    static final String DEACTIVATED = "mentoring.profile.deactivated.v1";
    static final String ERASED = "mentoring.profile.erased.v1";

    @Inject
    MentorshipService mentorships;

    @Inject
    ProgramErasure programmes;

    @Inject
    EntityManager em;

    /** The fields of both events this handler reads. */
    record ProfileLeft(UUID profileId, long version) {
    }

    @Override
    public Set<String> topics() {
        return Set.of("mentoring.profile.v1");
    }

    @Override
    public boolean handles(String type) {
        return DEACTIVATED.equals(type) || ERASED.equals(type);
    }

    @Override
    public void apply(ReceivedEvent event) {
        ProfileLeft left = event.dataAs(ProfileLeft.class);
        if (left.profileId() == null) {
            throw new ReceivedEvent.UnreadableEventException(event.type() + " " + event.id() + " lacks profileId", null);
        }
        boolean erased = ERASED.equals(event.type());
        if (!erased && newerProfileKnown(left)) {
            return;
        }
        mentorships.endAllOf(left.profileId(),
                erased ? MentorshipService.END_ERASED : MentorshipService.END_DEACTIVATED, erased);
        if (erased) {
            programmes.forget(left.profileId());
        }
    }

    private boolean newerProfileKnown(ProfileLeft left) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT version, status FROM matching.candidate WHERE profile_id = :p")
                .setParameter("p", left.profileId()).getResultList();
        // Employed again by a later version (active, or on leave since): the late deactivation must not end what
        // started after it. Still terminated at a later version, it is ended all the same.
        return !rows.isEmpty() && ((Number) rows.get(0)[0]).longValue() > left.version()
                && !"terminated".equals(rows.get(0)[1]);
    }
}
