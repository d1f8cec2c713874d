package org.mentoring.feedback.readmodel;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.feedback.Sql;
import org.mentoring.platform.events.EventHandler;
import org.mentoring.platform.events.ReceivedEvent;

/** Goals' states, from goal events (version-guarded), for the goal completion rate of programme reports. */
@ApplicationScoped
public class GoalProjection implements EventHandler {

    static final String TOPIC = "mentoring.goal.v1";
    static final String PREFIX = "mentoring.goal.";

    @Inject
    Sql sql;

    @Override
    public Set<String> topics() {
        return Set.of(TOPIC);
    }

    @Override
    public boolean handles(String type) {
        return type.startsWith(PREFIX) && type.endsWith(".v1");
    }

    @Override
    public void apply(ReceivedEvent event) {
        EventData.Goal g = event.dataAs(EventData.Goal.class);
        sql.update("""
                INSERT INTO goal (goal_id, mentorship_id, program_id, owner_id, status, progress, version)
                SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM person WHERE profile_id = ? AND erased)
                ON CONFLICT (goal_id) DO UPDATE SET mentorship_id = excluded.mentorship_id,
                    program_id = excluded.program_id, status = excluded.status, progress = excluded.progress,
                    version = excluded.version
                WHERE goal.version < excluded.version
                """, EventData.require(g.goalId(), "goalId", event), EventData.require(g.mentorshipId(), "mentorshipId", event),
                g.programId(), EventData.require(g.ownerId(), "ownerId", event), EventData.require(g.status(), "status", event),
                g.progress() == null ? 0 : g.progress(), EventData.require(g.version(), "version", event), g.ownerId());
    }
}
