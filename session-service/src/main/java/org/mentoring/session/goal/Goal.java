package org.mentoring.session.goal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A development goal of a mentorship, owned by its mentee. */
@Entity
@Table(name = "goal")
public class Goal extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "mentorship_id")
    public UUID mentorshipId;

    @Column(name = "owner_id")
    public UUID ownerId;

    public String title;

    public String why;

    @Column(name = "target_date")
    public LocalDate targetDate;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> skills;

    public int progress;

    @Enumerated(EnumType.STRING)
    public GoalStatus status;

    @Column(name = "created_by")
    public UUID createdBy;

    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
