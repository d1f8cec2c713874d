package org.mentoring.session.goal;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A goal looked at in a session: links the two and records the progress agreed then. */
@Entity
@Table(name = "goal_review")
public class GoalReview extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "goal_id")
    public UUID goalId;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "reviewed_by")
    public UUID reviewedBy;

    public int progress;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;
}
