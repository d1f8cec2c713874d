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

/**
 * One computed proposal for a programme's cohort, kept with the inputs it was computed from (and their hash), so
 * an admin can see why each pair was proposed and a re-run on the same inputs can be compared.
 */
@Entity
@Table(name = "matching_run")
public class MatchingRun {

    public static final String PROPOSED = "proposed";
    public static final String PUBLISHED = "published";

    @Id
    public UUID id;
    @Column(name = "program_id")
    public UUID programId;
    public String status;
    public String algorithm;
    @JdbcTypeCode(SqlTypes.JSON)
    public RunInputs inputs;
    @Column(name = "inputs_hash")
    public String inputsHash;
    public double objective;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<ProposedPair> pairs = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    public List<UnmatchedPerson> unmatched = new ArrayList<>();
    @Column(name = "created_by")
    public UUID createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "published_at")
    public Instant publishedAt;
}
