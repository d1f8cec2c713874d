package org.mentoring.profile.hris;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The state of an import job as clients poll it. */
public record ImportView(
        UUID id, UUID integrationId, String format, boolean fullSync, boolean terminateMissing, Integer maxTerminations,
        Instant asOf, String status,
        int totalRows, int processedRows, int created, int updated, int unchanged, int terminated, int erased, int stale,
        int errorCount,
        List<ImportJob.RowError> errors, List<String> ignoredColumns, String failure, Instant createdAt,
        Instant startedAt, Instant finishedAt) {

    static ImportView of(ImportJob j) {
        return new ImportView(j.id, j.integrationId, j.format, j.fullSync, j.terminateMissing, j.maxTerminations, j.asOf,
                j.status, j.totalRows, j.processedRows, j.created, j.updated, j.unchanged, j.terminated, j.erased, j.stale,
                j.errorCount, j.errors, j.ignoredColumns, j.failure, j.createdAt, j.startedAt, j.finishedAt);
    }
}
