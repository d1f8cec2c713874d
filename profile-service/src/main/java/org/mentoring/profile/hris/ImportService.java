package org.mentoring.profile.hris;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.profile.config.HrisConfig;
import org.mentoring.profile.events.ProfileEvents;
import org.mentoring.profile.profile.ManagementChains;
import org.mentoring.profile.profile.Profile;

/**
 * Bulk imports of employees from CSV or JSON Lines, run as background jobs. Rows are validated in memory, written
 * to a temporary staging table with batched JDBC, and merged into the profiles with a few set-based statements, all
 * in one transaction: an upsert by externalId that only touches rows whose values differ (so a repeated import
 * changes nothing and publishes nothing), the resolution of managers, and the optional termination of people
 * missing from a full sync. Then one event per changed profile, in the same transaction.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    public static final String CSV = "text/csv";
    public static final String JSON_LINES = "application/jsonl";
    public static final String NDJSON = "application/x-ndjson";

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    IntegrationService integrations;

    @Inject
    ProfileEvents events;

    @Inject
    HrisConfig config;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hris-import");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Records the job and starts it in the background; the caller polls {@link #get}. */
    public ImportView start(String integrationId, String mediaType, boolean fullSync, boolean terminateMissing,
                            byte[] body) {
        HrisIntegration integration = integrations.require(integrationId);
        String format = format(mediaType);
        if (terminateMissing && !fullSync) {
            throw ProblemException.invalid("terminateMissing", "only applies to a full sync (fullSync=true)");
        }
        ImportJob job = QuarkusTransaction.requiringNew().call(() -> {
            ImportJob j = new ImportJob();
            j.id = UUID.randomUUID();
            j.integrationId = integration.id;
            j.format = format;
            j.fullSync = fullSync;
            j.terminateMissing = terminateMissing;
            j.status = "queued";
            j.createdAt = Instant.now();
            em.persist(j);
            return j;
        });
        FieldMapping mapping = integration.fieldMapping;
        executor.submit(() -> run(job.id, format, mapping, body));
        return ImportView.of(job);
    }

    @Transactional
    public ImportView get(String integrationId, UUID id) {
        HrisIntegration integration = integrations.require(integrationId);
        ImportJob job = em.find(ImportJob.class, id);
        if (job == null || !job.integrationId.equals(integration.id)) {
            throw ProblemException.notFound("Import", id);
        }
        return ImportView.of(job);
    }

    private static String format(String mediaType) {
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        if (type.startsWith(CSV)) {
            return "csv";
        }
        if (type.startsWith(JSON_LINES) || type.startsWith(NDJSON)) {
            return "jsonl";
        }
        throw ProblemException.invalid("Content-Type", "must be text/csv or application/jsonl");
    }

    /** One parsed row that passed validation. */
    record Row(int line, EmployeeRecord employee) {
    }

    void run(UUID jobId, String format, FieldMapping mapping, byte[] body) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                ImportJob job = em.find(ImportJob.class, jobId);
                job.status = "running";
                job.startedAt = Instant.now();
            });
            List<ImportJob.RowError> errors = new ArrayList<>();
            List<Row> rows = parse(format, mapping, body, errors);
            int total = rows.size() + (int) errors.stream().mapToInt(ImportJob.RowError::line).distinct().count();
            QuarkusTransaction.requiringNew().run(() -> em.find(ImportJob.class, jobId).totalRows = total);
            QuarkusTransaction.requiringNew().timeout(3600).run(() -> merge(jobId, rows, errors, total));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Import %s failed", jobId);
            String reason = e instanceof IllegalArgumentException ? e.getMessage() : "the import could not be completed";
            QuarkusTransaction.requiringNew().run(() -> {
                ImportJob job = em.find(ImportJob.class, jobId);
                job.status = "failed";
                job.failure = reason;
                job.finishedAt = Instant.now();
            });
        }
    }

    private List<Row> parse(String format, FieldMapping mapping, byte[] body, List<ImportJob.RowError> errors) {
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> lineOfExternalId = new HashMap<>();
        Map<String, Integer> lineOfEmail = new HashMap<>();
        RowSink sink = (line, parsed) -> {
            EmployeeRecord e = parsed.record();
            parsed.errors().forEach(err -> errors.add(new ImportJob.RowError(line, e.externalId(), err.field(), err.message())));
            if (!parsed.ok()) {
                return;
            }
            Integer first = lineOfExternalId.putIfAbsent(e.externalId(), line);
            if (first != null) {
                errors.add(new ImportJob.RowError(line, e.externalId(), "externalId", "appears again; first on line " + first));
                return;
            }
            if (e.email() != null) {
                Integer emailFirst = lineOfEmail.putIfAbsent(e.email().toLowerCase(Locale.ROOT), line);
                if (emailFirst != null) {
                    errors.add(new ImportJob.RowError(line, e.externalId(), "email", "is used on line " + emailFirst + " too"));
                    return;
                }
            }
            rows.add(new Row(line, e));
        };
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (format.equals("csv")) {
            List<String> header = new ArrayList<>();
            CsvReader.read(text, (line, fields) -> {
                if (header.isEmpty()) {
                    fields.forEach(f -> header.add(f.strip()));
                    return;
                }
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < header.size() && i < fields.size(); i++) {
                    values.put(header.get(i), fields.get(i));
                }
                if (fields.size() != header.size()) {
                    errors.add(new ImportJob.RowError(line, values.get(mapping.sourceKey("externalId")), "",
                            "has " + fields.size() + " fields, the header has " + header.size()));
                    return;
                }
                sink.accept(line, EmployeeRecord.parse(values::get, mapping));
            });
            if (header.isEmpty()) {
                throw new IllegalArgumentException("the CSV file has no header line");
            }
        } else {
            String[] lines = text.split("\r?\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                int line = i + 1;
                JsonNode node;
                try {
                    node = mapper.readTree(lines[i]);
                } catch (IOException e) {
                    errors.add(new ImportJob.RowError(line, null, "", "is not well-formed JSON"));
                    continue;
                }
                if (node == null || !node.isObject()) {
                    errors.add(new ImportJob.RowError(line, null, "", "must be a JSON object"));
                    continue;
                }
                JsonNode row = node;
                sink.accept(line, EmployeeRecord.parse(key -> EmployeeRecord.jsonText(row.get(key)), mapping));
            }
        }
        return rows;
    }

    private interface RowSink {
        void accept(int line, EmployeeRecord.Parsed parsed);
    }

    private void merge(UUID jobId, List<Row> rows, List<ImportJob.RowError> errors, int total) {
        ImportJob snapshot = em.find(ImportJob.class, jobId);
        boolean terminateMissing = snapshot.fullSync && snapshot.terminateMissing;
        UUID integrationId = snapshot.integrationId;
        em.detach(snapshot);
        Map<String, Integer> lineOf = new HashMap<>();
        rows.forEach(r -> lineOf.put(r.employee().externalId(), r.line()));
        Set<UUID> created = new LinkedHashSet<>();
        Set<UUID> updated = new LinkedHashSet<>();
        Set<UUID> terminated = new LinkedHashSet<>();
        int valid;
        int unchanged;
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE hris_import_rows (external_id text PRIMARY KEY, email text, "
                        + "display_name text, job_title text, department text, location text, time_zone text, "
                        + "languages jsonb, level integer, grade_label text, manager_external_id text, hire_date date, "
                        + "status text) ON COMMIT DROP");
                s.execute("CREATE TEMP TABLE hris_import_seen (external_id text PRIMARY KEY) ON COMMIT DROP");
            }
            stage(c, jobId, rows, errors, total);
            for (String externalId : column(c, "DELETE FROM hris_import_rows r USING profile p "
                    + "WHERE lower(p.email) = lower(r.email) AND p.external_id IS DISTINCT FROM r.external_id "
                    + "RETURNING r.external_id")) {
                errors.add(new ImportJob.RowError(lineOf.get(externalId), externalId, "email",
                        "belongs to another profile"));
            }
            for (String externalId : column(c, "DELETE FROM hris_import_rows r WHERE (r.email IS NULL OR r.display_name IS NULL) "
                    + "AND NOT EXISTS (SELECT 1 FROM profile p WHERE p.external_id = r.external_id) RETURNING r.external_id")) {
                errors.add(new ImportJob.RowError(lineOf.get(externalId), externalId, "email",
                        "email and displayName are required for a new employee"));
            }
            valid = ids(c, "SELECT count(*)::text FROM hris_import_rows").stream().findFirst()
                    .map(Integer::parseInt).orElse(0);
            List<UUID> rowUpdates = uuids(c, """
                    UPDATE profile p SET
                        email = coalesce(r.email, p.email), display_name = coalesce(r.display_name, p.display_name),
                        job_title = coalesce(r.job_title, p.job_title), department = coalesce(r.department, p.department),
                        location = coalesce(r.location, p.location), time_zone = coalesce(r.time_zone, p.time_zone),
                        languages = coalesce(r.languages, p.languages), level = coalesce(r.level, p.level),
                        grade_label = coalesce(r.grade_label, p.grade_label),
                        manager_external_id = coalesce(r.manager_external_id, p.manager_external_id),
                        hire_date = coalesce(r.hire_date, p.hire_date), status = coalesce(r.status, p.status),
                        hris_integration_id = '%s', version = p.version + 1, updated_at = now()
                    FROM hris_import_rows r
                    WHERE p.external_id = r.external_id AND p.status <> 'erased'
                      AND (coalesce(r.email, p.email), coalesce(r.display_name, p.display_name),
                           coalesce(r.job_title, p.job_title), coalesce(r.department, p.department),
                           coalesce(r.location, p.location), coalesce(r.time_zone, p.time_zone),
                           coalesce(r.languages, p.languages), coalesce(r.level, p.level),
                           coalesce(r.grade_label, p.grade_label), coalesce(r.manager_external_id, p.manager_external_id),
                           coalesce(r.hire_date, p.hire_date), coalesce(r.status, p.status))
                          IS DISTINCT FROM
                          (p.email, p.display_name, p.job_title, p.department, p.location, p.time_zone, p.languages,
                           p.level, p.grade_label, p.manager_external_id, p.hire_date, p.status)
                    RETURNING p.id::text""".formatted(integrationId));
            updated.addAll(rowUpdates);
            unchanged = valid - rowUpdates.size();
            created.addAll(uuids(c, """
                    INSERT INTO profile (id, external_id, email, display_name, job_title, department, location,
                        time_zone, languages, level, grade_label, manager_external_id, hire_date, status, version,
                        created_at, updated_at, hris_integration_id)
                    SELECT gen_random_uuid(), r.external_id, r.email, r.display_name, r.job_title, r.department,
                        r.location, r.time_zone, coalesce(r.languages, '[]'), r.level, r.grade_label,
                        r.manager_external_id, r.hire_date, coalesce(r.status, 'active'), 1, now(), now(),
                        '%s'::uuid
                    FROM hris_import_rows r
                    WHERE NOT EXISTS (SELECT 1 FROM profile p WHERE p.external_id = r.external_id)
                    RETURNING id::text""".formatted(integrationId)));
            updated.addAll(uuids(c, """
                    UPDATE profile p SET manager_id = m.manager, version = p.version + 1, updated_at = now()
                    FROM (SELECT c.id AS child, m.id AS manager
                          FROM profile c LEFT JOIN profile m ON m.external_id = c.manager_external_id AND m.id <> c.id
                          WHERE c.manager_external_id IS NOT NULL) m
                    WHERE p.id = m.child AND p.manager_id IS DISTINCT FROM m.manager
                    RETURNING p.id::text"""));
            if (terminateMissing) {
                if (ids(c, "SELECT external_id FROM hris_import_seen LIMIT 1").isEmpty()) {
                    throw new IllegalArgumentException("a full sync with no rows would terminate everyone; refused");
                }
                terminated.addAll(uuids(c, """
                        UPDATE profile p SET status = 'terminated', version = p.version + 1, updated_at = now()
                        WHERE p.hris_integration_id = '%s' AND p.status IN ('active', 'on_leave')
                          AND NOT EXISTS (SELECT 1 FROM hris_import_seen s WHERE s.external_id = p.external_id)
                        RETURNING p.id::text""".formatted(integrationId)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("import " + jobId + " failed in the database", e);
        }
        updated.removeAll(created);
        updated.removeAll(terminated);
        publish(created, updated, terminated);
        ImportJob job = em.find(ImportJob.class, jobId);
        job.status = "completed";
        job.processedRows = total;
        job.created = created.size();
        job.updated = updated.size();
        job.unchanged = unchanged - created.size();
        job.terminated = terminated.size();
        errors.sort(java.util.Comparator.comparingInt(ImportJob.RowError::line));
        job.errorCount = errors.size();
        job.errors = new ArrayList<>(errors.subList(0, Math.min(errors.size(), ImportJob.MAX_STORED_ERRORS)));
        job.finishedAt = Instant.now();
    }

    private void stage(Connection c, UUID jobId, List<Row> rows, List<ImportJob.RowError> errors, int total)
            throws SQLException {
        int batch = config.importBatchSize();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO hris_import_rows VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?)");
             PreparedStatement seen = c.prepareStatement("INSERT INTO hris_import_seen VALUES (?) ON CONFLICT DO NOTHING")) {
            int n = 0;
            for (Row row : rows) {
                EmployeeRecord e = row.employee();
                insert.setString(1, e.externalId());
                insert.setString(2, e.email());
                insert.setString(3, e.displayName());
                insert.setString(4, e.jobTitle());
                insert.setString(5, e.department());
                insert.setString(6, e.location());
                insert.setString(7, e.timeZone());
                insert.setString(8, e.languages() == null ? null : json(e.languages()));
                if (e.level() == null) {
                    insert.setNull(9, Types.INTEGER);
                } else {
                    insert.setInt(9, e.level());
                }
                insert.setString(10, e.gradeLabel());
                insert.setString(11, e.managerExternalId());
                insert.setDate(12, e.hireDate() == null ? null : Date.valueOf(e.hireDate()));
                insert.setString(13, e.status());
                insert.addBatch();
                seen.setString(1, e.externalId());
                seen.addBatch();
                if (++n % batch == 0) {
                    insert.executeBatch();
                    seen.executeBatch();
                    int done = n;
                    QuarkusTransaction.requiringNew().run(() -> em.find(ImportJob.class, jobId).processedRows = done);
                }
            }
            for (ImportJob.RowError error : errors) {
                if (error.externalId() != null && !error.externalId().isBlank()) {
                    seen.setString(1, error.externalId());
                    seen.addBatch();
                }
            }
            insert.executeBatch();
            seen.executeBatch();
        }
    }

    /** One event per changed profile, with management chains computed from one read of the whole tree. */
    private void publish(Set<UUID> created, Set<UUID> updated, Set<UUID> terminated) {
        if (created.isEmpty() && updated.isEmpty() && terminated.isEmpty()) {
            return;
        }
        Map<UUID, UUID> managerOf = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> pairs = em.createNativeQuery("SELECT id, manager_id FROM profile WHERE manager_id IS NOT NULL")
                .getResultList();
        pairs.forEach(p -> managerOf.put((UUID) p[0], (UUID) p[1]));
        List<UUID> all = new ArrayList<>(created);
        all.addAll(updated);
        all.addAll(terminated);
        Set<UUID> createdSet = new HashSet<>(created);
        Set<UUID> terminatedSet = new HashSet<>(terminated);
        for (int from = 0; from < all.size(); from += 1000) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + 1000));
            for (Profile p : em.createQuery("SELECT p FROM Profile p WHERE p.id IN :ids", Profile.class)
                    .setParameter("ids", chunk).getResultList()) {
                List<UUID> chain = ManagementChains.walk(p.id, p.managerId, managerOf::get);
                if (createdSet.contains(p.id)) {
                    events.created(p, chain);
                } else if (terminatedSet.contains(p.id)) {
                    events.deactivated(p, chain);
                } else {
                    events.updated(p, chain);
                }
            }
            em.clear();
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        return ids(c, sql);
    }

    private static List<UUID> uuids(Connection c, String sql) throws SQLException {
        return ids(c, sql).stream().map(UUID::fromString).toList();
    }

    private static List<String> ids(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
