package org.mentoring.matching.mentorship;

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

/**
 * One mentoring relationship between a mentor and a mentee, from the request (or a programme's published match)
 * to its end. {@code version} grows with every transition and is the version of its events. The free texts
 * ({@code message}, {@code declineReason}, {@code endNote}) are private to the two participants.
 */
@Entity
@Table(name = "mentorship")
public class Mentorship {

    @Id
    public UUID id;
    public String kind;
    public String origin;
    @Column(name = "program_id")
    public UUID programId;
    @Column(name = "group_id")
    public UUID groupId;
    @Column(name = "mentor_id")
    public UUID mentorId;
    @Column(name = "mentee_id")
    public UUID menteeId;
    public String status;
    public String message;
    @Column(name = "decline_reason")
    public String declineReason;
    @Column(name = "end_reason")
    public String endReason;
    @Column(name = "end_note")
    public String endNote;
    @Column(name = "ended_by")
    public UUID endedBy;
    public Double score;
    @Column(name = "goal_skills")
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> goalSkills = new ArrayList<>();
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "responded_at")
    public Instant respondedAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean involves(UUID profileId) {
        return profileId != null && (profileId.equals(mentorId) || profileId.equals(menteeId));
    }

    public MentorshipStatus state() {
        return MentorshipStatus.of(status);
    }
}
