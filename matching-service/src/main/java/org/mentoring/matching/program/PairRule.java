package org.mentoring.matching.program;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An admin's decision about one mentee-mentor pair that every later run of the programme honours. */
@Entity
@Table(name = "pair_rule")
public class PairRule {

    public static final String PIN = "pin";
    public static final String FORBID = "forbid";

    @EmbeddedId
    public Key key;
    public String rule;
    @Column(name = "created_by")
    public UUID createdBy;
    @Column(name = "created_at")
    public Instant createdAt;

    @Embeddable
    public record Key(@Column(name = "program_id") UUID programId, @Column(name = "mentee_id") UUID menteeId,
            @Column(name = "mentor_id") UUID mentorId) implements Serializable {
    }
}
