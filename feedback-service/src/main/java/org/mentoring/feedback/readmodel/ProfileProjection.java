package org.mentoring.feedback.readmodel;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.feedback.Sql;
import org.mentoring.feedback.privacy.Erasure;
import org.mentoring.feedback.request.RequestIssuer;
import org.mentoring.platform.events.EventHandler;
import org.mentoring.platform.events.ReceivedEvent;

/**
 * Keeps the people read model (link to tokens, department, level, location) from profile events, version-guarded.
 * Deactivation closes the person's open requests; erasure removes everything this service holds about them.
 */
@ApplicationScoped
public class ProfileProjection implements EventHandler {

    static final String TOPIC = "mentoring.profile.v1";
    static final String CREATED = "mentoring.profile.created.v1";
    static final String UPDATED = "mentoring.profile.updated.v1";
    static final String DEACTIVATED = "mentoring.profile.deactivated.v1";
    static final String ERASED = "mentoring.profile.erased.v1";

    private static final String UPSERT = """
            INSERT INTO person (profile_id, external_id, email, department, location, level, status, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (profile_id) DO UPDATE SET external_id = excluded.external_id, email = excluded.email,
                department = excluded.department, location = excluded.location, level = excluded.level,
                status = excluded.status, version = excluded.version
            WHERE person.version < excluded.version AND NOT person.erased
            """;

    @Inject
    Sql sql;

    @Inject
    RequestIssuer requests;

    @Inject
    Erasure erasure;

    @Override
    public Set<String> topics() {
        return Set.of(TOPIC);
    }

    @Override
    public boolean handles(String type) {
        return CREATED.equals(type) || UPDATED.equals(type) || DEACTIVATED.equals(type) || ERASED.equals(type);
    }

    @Override
    public void apply(ReceivedEvent event) {
        if (ERASED.equals(event.type())) {
            EventData.ProfileErased erased = event.dataAs(EventData.ProfileErased.class);
            erasure.erase(EventData.require(erased.profileId(), "profileId", event),
                    EventData.require(erased.version(), "version", event));
            return;
        }
        EventData.Profile p = event.dataAs(EventData.Profile.class);
        EventData.require(p.profileId(), "profileId", event);
        EventData.require(p.status(), "status", event);
        EventData.require(p.version(), "version", event);
        int applied = sql.update(UPSERT, p.profileId(), p.externalId(), p.email(), p.department(), p.location(),
                p.level(), p.status(), p.version());
        // Only a deactivation newer than what is held closes requests: a late one (a replayed dead letter, say) must
        // not close those of a person employed again since.
        if (applied > 0 && (DEACTIVATED.equals(event.type()) || "terminated".equals(p.status()))) {
            requests.closeOpenRequestsOf(p.profileId());
        }
    }
}
