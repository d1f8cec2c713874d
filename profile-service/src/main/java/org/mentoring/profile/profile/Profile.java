package org.mentoring.profile.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A person in the directory: HR-owned employment facts, a short bio and their mentoring preferences.
 * {@code version} grows with every change; it is the ETag of the profile and the version of its events.
 * An update writes only the columns it changed: an import moves a profile's HRIS marker in SQL without a new version,
 * and a patch that read the profile before must not write the old marker back.
 */
@Entity
@DynamicUpdate
@Table(name = "profile")
public class Profile {

    @Id
    public UUID id;

    @Column(name = "external_id")
    public String externalId;
    public String email;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "job_title")
    public String jobTitle;
    public String department;
    public String location;
    @Column(name = "time_zone")
    public String timeZone;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> languages = new ArrayList<>();
    public Integer level;
    @Column(name = "grade_label")
    public String gradeLabel;
    @Column(name = "manager_id")
    public UUID managerId;
    @Column(name = "manager_external_id")
    public String managerExternalId;
    @Column(name = "hire_date")
    public LocalDate hireDate;
    public String status = ProfileStatus.ACTIVE;
    public String bio;

    @Column(name = "open_to_roles")
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> openToRoles = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    public List<SkillLevel> skills = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    public List<LearningGoal> goals = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> topics = new ArrayList<>();
    public int capacity;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<AvailabilityWindow> availability = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> formats = new ArrayList<>();
    @Column(name = "open_to_requests")
    public boolean openToRequests;

    @Column(name = "hris_effective_at")
    public Instant hrisEffectiveAt;
    @Column(name = "hris_sequence")
    public Long hrisSequence;
    @Column(name = "hris_integration_id")
    public UUID hrisIntegrationId;

    @Version
    public long version = 1;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * The time of a change as PostgreSQL keeps it, to the microsecond: the answer to a change shows the same
     * {@code createdAt} and {@code updatedAt} as any later read of that version (one ETag, one representation).
     */
    public static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
    @Column(name = "erased_at")
    public Instant erasedAt;

    public boolean isErased() {
        return ProfileStatus.ERASED.equals(status);
    }
}
