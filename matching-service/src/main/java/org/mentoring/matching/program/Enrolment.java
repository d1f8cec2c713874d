package org.mentoring.matching.program;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person taking part in a programme as mentor, mentee or peer, with a mentee's goals or a mentor's capacity. */
@Entity
@Table(name = "enrolment")
public class Enrolment {

    public static final String MENTOR = "mentor";
    public static final String MENTEE = "mentee";
    public static final String PEER = "peer";

    @Id
    public UUID id;
    @Column(name = "program_id")
    public UUID programId;
    @Column(name = "profile_id")
    public UUID profileId;
    public String role;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<EnrolmentGoal> goals = new ArrayList<>();
    public Integer capacity;
    @Column(name = "enrolled_by")
    public UUID enrolledBy;
    @Column(name = "enrolled_at")
    public Instant enrolledAt;
}
