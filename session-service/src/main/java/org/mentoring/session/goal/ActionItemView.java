package org.mentoring.session.goal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An action item of a goal; only the mentorship's participants see them. */
@Schema(name = "ActionItem")
public record ActionItemView(UUID id, UUID goalId, UUID ownerId, String title, LocalDate dueDate, boolean done,
                             OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static ActionItemView of(ActionItem a) {
        return new ActionItemView(a.id, a.goalId, a.ownerId, a.title, a.dueDate, a.done, GoalView.utc(a.createdAt),
                GoalView.utc(a.updatedAt));
    }
}
