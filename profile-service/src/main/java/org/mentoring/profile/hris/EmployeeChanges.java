package org.mentoring.profile.hris;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.profile.events.ProfileEvents;
import org.mentoring.profile.privacy.ErasedEmployees;
import org.mentoring.profile.profile.AdvisoryLocks;
import org.mentoring.profile.profile.Profile;
import org.mentoring.profile.profile.ProfileService;
import org.mentoring.profile.profile.ProfileStatus;

/**
 * Applies one HRIS fact about an employee to their profile, unless a newer fact was applied already. Runs in the
 * caller's transaction with the profile row locked, so concurrent deliveries about one person serialise.
 */
@ApplicationScoped
public class EmployeeChanges {

    @Inject
    EntityManager em;

    @Inject
    ProfileEvents events;

    @Inject
    ProfileService profiles;

    @Inject
    ErasedEmployees erasedEmployees;

    /** What a delivery did, and whether it created the employee's profile. */
    record Applied(WebhookOutcome outcome, boolean created) {
    }

    /**
     * An advisory lock on one employee id, to the end of the transaction: two deliveries about one employee who does
     * not exist yet (a creation and a termination) then run one after the other, so the termination either finds the
     * new profile or is held before the creation looks for held events. Taken first, before the erasure lock and any
     * row lock; neither an erasure nor an import takes it, so it closes no cycle with them.
     */
    void lockEmployee(String externalId) {
        AdvisoryLocks.exclusive(em, "mentoring:employee", externalId);
    }

    /**
     * The locks a catch-up of held events takes first, in the order every other writer takes them: the employee, then
     * the erasure lock (shared). The profile row follows in {@link #lockProfile}, before any held event.
     */
    void lockForCatchUp(String externalId) {
        lockEmployee(externalId);
        erasedEmployees.lockShared();
    }

    /**
     * Locks the employee's profile row (if there is one), as whoever then locks their held events must first: an
     * import holding the row, or a catch-up, is waited for before any held event is locked.
     */
    void lockProfile(String externalId) {
        byExternalId(externalId);
    }

    Applied apply(String webhookId, WebhookReceiver.Delivery delivery) {
        // Before any row lock: an erasure in progress finishes first, and this delivery then sees it.
        erasedEmployees.lockShared();
        EmployeeRecord e = delivery.employee();
        Profile profile = byExternalId(e.externalId());
        if (profile != null && profile.isErased()) {
            return new Applied(new WebhookOutcome(webhookId, "erased", profile.id), false);
        }
        if (profile != null && !HrisEvent.isNewer(delivery.effectiveAt(), delivery.sequence(),
                profile.hrisEffectiveAt, profile.hrisSequence)) {
            return new Applied(new WebhookOutcome(webhookId, "stale", profile.id), false);
        }
        boolean creating = profile == null;
        if (creating && erasedEmployees.contains(e.externalId())) {
            return new Applied(new WebhookOutcome(webhookId, "erased", null), false);
        }
        if (creating) {
            // Held until a creation: a termination, leave or manager change, and an update too small to create the
            // profile (one that overtook the employee's creation on its way here would otherwise be refused, and
            // lost, as its sender does not retry a 4xx).
            if (delivery.type() != HrisEvent.CREATED && delivery.type() != HrisEvent.UPDATED
                    || delivery.type() == HrisEvent.UPDATED && (e.email() == null || e.displayName() == null)) {
                return new Applied(new WebhookOutcome(webhookId, "unknown_employee", null), false);
            }
            if (e.email() == null || e.displayName() == null) {
                throw ProblemException.invalid("employee.email",
                        "email and displayName are required for an employee this service does not know yet");
            }
            profile = new Profile();
            profile.id = UUID.randomUUID();
            profile.createdAt = Profile.now();
            profile.externalId = e.externalId();
        }
        if ((delivery.type() == HrisEvent.CREATED || delivery.type() == HrisEvent.UPDATED) && e.has("email")
                && (profile.email == null || !profile.email.equalsIgnoreCase(e.email()))) {
            // Before the profile changes: a query now would write the change first, into the address's index.
            profiles.claimEmail(e.email(), profile);
        }
        String statusBefore = profile.status;
        switch (delivery.type()) {
            case CREATED, UPDATED -> copy(e, profile);
            case TERMINATED -> profile.status = ProfileStatus.TERMINATED;
            case ON_LEAVE -> profile.status = ProfileStatus.ON_LEAVE;
            case MANAGER_CHANGED -> setManager(profile, e.managerExternalId());
        }
        profile.hrisEffectiveAt = delivery.effectiveAt();
        profile.hrisSequence = delivery.sequence();
        profile.hrisIntegrationId = delivery.integrationId();
        profile.updatedAt = Profile.now();
        if (creating) {
            em.persist(profile);
        }
        em.flush();
        if (creating) {
            events.created(profile);
            profiles.resolveReportsOf(profile);
        } else if (ProfileStatus.TERMINATED.equals(profile.status) && !ProfileStatus.TERMINATED.equals(statusBefore)) {
            events.deactivated(profile);
        } else {
            events.updated(profile);
        }
        return new Applied(new WebhookOutcome(webhookId, "applied", profile.id), creating);
    }

    /**
     * Sets what the HRIS sent: each field it sent a value for, and each it removed (sent as an explicit null, its
     * value in the record then null; {@link EmployeeRecord#clearing} keeps that to the fields that may be removed).
     */
    private void copy(EmployeeRecord e, Profile p) {
        if (sets(e, "email")) {
            p.email = e.email();
        }
        if (sets(e, "displayName")) {
            p.displayName = e.displayName();
        }
        if (sets(e, "jobTitle")) {
            p.jobTitle = e.jobTitle();
        }
        if (sets(e, "department")) {
            p.department = e.department();
        }
        if (sets(e, "location")) {
            p.location = e.location();
        }
        if (sets(e, "timeZone")) {
            p.timeZone = e.timeZone();
        }
        if (sets(e, "languages")) {
            p.languages = e.languages() == null ? new ArrayList<>() : new ArrayList<>(e.languages());
        }
        if (sets(e, "level")) {
            p.level = e.level();
        }
        if (sets(e, "gradeLabel")) {
            p.gradeLabel = e.gradeLabel();
        }
        if (sets(e, "hireDate")) {
            p.hireDate = e.hireDate();
        }
        if (sets(e, "status")) {
            p.status = e.status();
        }
        if (sets(e, "managerExternalId")) {
            setManager(p, e.managerExternalId());
        }
    }

    private static boolean sets(EmployeeRecord e, String field) {
        return e.has(field) || e.cleared().contains(field);
    }

    private void setManager(Profile p, String managerExternalId) {
        // An erased manager is no manager: their employee id is not kept on their reports' profiles either.
        p.managerExternalId = erasedEmployees.contains(managerExternalId) ? null : managerExternalId;
        if (p.managerExternalId == null) {
            p.managerId = null;
            return;
        }
        // Read, not locked: locking the manager after the report would order locks against an erasure, which locks
        // the manager first and then their reports.
        List<UUID> manager = em.createQuery("SELECT p.id FROM Profile p WHERE p.externalId = :x", UUID.class)
                .setParameter("x", managerExternalId).getResultList();
        p.managerId = manager.isEmpty() || manager.get(0).equals(p.id) ? null : manager.get(0);
    }

    private Profile byExternalId(String externalId) {
        List<Profile> found = em.createQuery("SELECT p FROM Profile p WHERE p.externalId = :x", Profile.class)
                .setParameter("x", externalId).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }
}
