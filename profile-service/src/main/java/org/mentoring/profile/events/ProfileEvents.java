package org.mentoring.profile.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.platform.events.Outbox;
import org.mentoring.profile.profile.ManagementChains;
import org.mentoring.profile.profile.Profile;

/**
 * The one place every profile state change goes through to become an event on {@code mentoring.profile.v1}, keyed
 * and subjected by the profile id. Called inside the transaction of the change, so the outbox row and the change
 * commit together.
 */
@ApplicationScoped
public class ProfileEvents {

    public static final String TOPIC = "mentoring.profile.v1";
    public static final String CREATED = "mentoring.profile.created.v1";
    public static final String UPDATED = "mentoring.profile.updated.v1";
    public static final String DEACTIVATED = "mentoring.profile.deactivated.v1";
    public static final String ERASED = "mentoring.profile.erased.v1";

    @Inject
    ManagementChains chains;

    @Inject
    Outbox outbox;

    public void created(Profile profile) {
        created(profile, chains.of(profile));
    }

    public void created(Profile profile, List<UUID> managementChain) {
        publish(CREATED, profile.id, data(profile, managementChain));
    }

    public void updated(Profile profile) {
        updated(profile, chains.of(profile));
    }

    public void updated(Profile profile, List<UUID> managementChain) {
        publish(UPDATED, profile.id, data(profile, managementChain));
    }

    public void deactivated(Profile profile) {
        deactivated(profile, chains.of(profile));
    }

    public void deactivated(Profile profile, List<UUID> managementChain) {
        publish(DEACTIVATED, profile.id, data(profile, managementChain));
    }

    /**
     * The event of one change among many, for {@link #publishAll}: a bulk import builds its events a batch at a
     * time, with the same data as the single-change methods.
     *
     * @param type {@link #CREATED}, {@link #UPDATED} or {@link #DEACTIVATED}
     */
    public Outbox.Event event(String type, Profile profile, List<UUID> managementChain) {
        String key = profile.id.toString();
        return new Outbox.Event(TOPIC, type, key, key, data(profile, managementChain));
    }

    /** Appends events built by {@link #event} together, in the transaction of the change. */
    public void publishAll(List<Outbox.Event> events) {
        outbox.appendAll(events);
    }

    public void erased(Profile profile) {
        publish(ERASED, profile.id, ProfileEventData.erased(profile.id, profile.version));
    }

    static ProfileEventData data(Profile p, List<UUID> managementChain) {
        return new ProfileEventData(p.id, p.externalId, p.displayName, p.email, p.jobTitle, p.department, p.location,
                p.timeZone, List.copyOf(p.languages), p.level, p.gradeLabel, p.managerId, List.copyOf(managementChain),
                p.status, List.copyOf(p.openToRoles),
                p.skills.stream().map(s -> new ProfileEventData.Skill(s.skill(), s.proficiency())).toList(),
                p.goals.stream().map(g -> new ProfileEventData.Goal(g.skill(), g.targetLevel(), g.priority())).toList(),
                List.copyOf(p.topics), p.capacity, p.openToRequests, List.copyOf(p.availability),
                List.copyOf(p.formats), p.version, p.updatedAt == null ? Instant.now() : p.updatedAt);
    }

    private void publish(String type, UUID key, ProfileEventData data) {
        outbox.append(TOPIC, type, key.toString(), key.toString(), data);
    }
}
