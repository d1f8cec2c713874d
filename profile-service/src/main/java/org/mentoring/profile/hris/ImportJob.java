package org.mentoring.profile.hris;

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

/** A bulk import of employees: where it is, what it did, and which rows it refused. */
@Entity
@Table(name = "hris_import")
public class ImportJob {

    public static final int MAX_STORED_ERRORS = 1000;

    @Id
    public UUID id;
    @Column(name = "integration_id")
    public UUID integrationId;
    public String format;
    @Column(name = "full_sync")
    public boolean fullSync;
    @Column(name = "terminate_missing")
    public boolean terminateMissing;
    /** How many terminations the caller accepts from this full sync; null for the default guard. */
    @Column(name = "max_terminations")
    public Integer maxTerminations;
    /** When the HRIS exported the file, if the caller said; orders its rows against webhook events. */
    @Column(name = "as_of")
    public Instant asOf;
    public String status;
    @Column(name = "total_rows")
    public int totalRows;
    @Column(name = "processed_rows")
    public int processedRows;
    @Column(name = "created_count")
    public int created;
    @Column(name = "updated_count")
    public int updated;
    @Column(name = "unchanged_count")
    public int unchanged;
    @Column(name = "terminated_count")
    public int terminated;
    /** Rows left out because the person's data was erased. */
    @Column(name = "erased_count")
    public int erased;
    /** Rows left out because the HRIS changed the person after the file's asOf. */
    @Column(name = "stale_count")
    public int stale;
    @Column(name = "error_count")
    public int errorCount;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<RowError> errors = new ArrayList<>();
    /** Columns of the CSV header, or members of the JSON lines, that the field mapping does not use. */
    @Column(name = "ignored_columns")
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> ignoredColumns = new ArrayList<>();
    public String failure;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** When the replica running it last said it is alive (unfinished imports only). */
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    /** Why one row was refused. Names the field, never the row's values. */
    public record RowError(int line, String externalId, String field, String message) {
        /** The employee id as the file has it, but for U+0000, which a stored error (jsonb) cannot hold. */
        public RowError {
            if (externalId != null && externalId.indexOf('\u0000') >= 0) {
                externalId = externalId.replace('\u0000', '\uFFFD');
            }
        }
    }
}
