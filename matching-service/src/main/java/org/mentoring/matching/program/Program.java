package org.mentoring.matching.program;

import java.time.Instant;
import java.time.LocalDate;
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
 * A mentoring programme: who may enrol and when, how pairs are scored and matched, and who runs it.
 * {@code version} grows with every change; it is the ETag and the version of mentoring.program.updated.v1.
 */
@Entity
@Table(name = "program")
public class Program {

    @Id
    public UUID id;
    public String name;
    public String description;
    public String kind;
    public String status;
    @Column(name = "starts_on")
    public LocalDate startsOn;
    @Column(name = "ends_on")
    public LocalDate endsOn;
    @Column(name = "opens_at")
    public Instant opensAt;
    @Column(name = "closes_at")
    public Instant closesAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public Eligibility eligibility;
    @JdbcTypeCode(SqlTypes.JSON)
    public ProgramWeights weights;
    @Column(name = "mentor_capacity")
    public int mentorCapacity;
    @Column(name = "group_size")
    public int groupSize;
    public String algorithm;
    @Column(name = "admin_ids")
    @JdbcTypeCode(SqlTypes.JSON)
    public List<UUID> adminIds = new ArrayList<>();
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "changed_at")
    public Instant changedAt;

    public boolean isAdmin(UUID profileId) {
        return profileId != null && adminIds.contains(profileId);
    }

    /** Whether an employee may enrol themself at {@code now}. */
    public boolean enrolmentOpen(Instant now) {
        return ProgramStatus.ENROLLING.equals(status) && (opensAt == null || !now.isBefore(opensAt))
                && (closesAt == null || now.isBefore(closesAt));
    }
}
