package org.mentoring.session.events;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.platform.events.Outbox;
import org.mentoring.session.goal.Goal;

/** Publishes goal facts through the outbox as GoalState: status, progress, skills and dates, never titles. */
@ApplicationScoped
public class GoalEvents {

    public static final String TOPIC = "mentoring.goal.v1";
    public static final String CREATED = "mentoring.goal.created.v1";
    public static final String UPDATED = "mentoring.goal.updated.v1";
    public static final String COMPLETED = "mentoring.goal.completed.v1";

    @Inject
    Outbox outbox;

    public void publish(String type, Goal g, UUID programId) {
        outbox.append(TOPIC, type, g.id.toString(), g.id.toString(), GoalState.of(g, programId));
    }

    /** The data of every goal event, as docs/asyncapi.yaml defines GoalState. */
    public record GoalState(UUID goalId, UUID mentorshipId, UUID programId, UUID ownerId, List<String> skills,
                            String status, int progress, LocalDate targetDate, long version,
                            OffsetDateTime changedAt) {

        static GoalState of(Goal g, UUID programId) {
            return new GoalState(g.id, g.mentorshipId, programId, g.ownerId, g.skills == null ? List.of() : g.skills,
                    g.status.name(), g.progress, g.targetDate, g.version, g.updatedAt.atOffset(ZoneOffset.UTC));
        }
    }
}
