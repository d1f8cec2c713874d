package org.mentoring.profile.hris;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.mentoring.platform.events.CopyText;
import org.mentoring.platform.events.Outbox;
import org.mentoring.platform.web.Problem;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.profile.config.HrisConfig;
import org.mentoring.profile.events.ProfileEvents;
import org.mentoring.profile.privacy.ErasedEmployees;
import org.mentoring.profile.profile.AvailabilityWindow;
import org.mentoring.profile.profile.LearningGoal;
import org.mentoring.profile.profile.ManagementChains;
import org.mentoring.profile.profile.Profile;
import org.mentoring.profile.profile.SkillLevel;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk imports of employees from CSV or JSON Lines, run as background jobs. Rows are validated as they are parsed
 * and streamed into a temporary staging table with COPY, and merged into the profiles with a few set-based
 * statements, all in one transaction: an upsert by externalId that only touches rows whose values differ (so a
 * repeated import changes nothing and publishes nothing), the resolution of managers, and the optional termination
 * of people missing from a full sync. An initial load builds the profile table's indexes once after inserting
 * rather than row by row. Then one event per changed profile, in the same transaction.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final int REFRESH_STATISTICS_FROM_ROWS = 1000;
    /**
     * A full sync may terminate, unasked, up to this many people or this share of the integration's active people,
     * whichever is more; beyond that it fails unless the request names {@code maxTerminations} (a truncated export
     * would otherwise end everyone's mentorships).
     */
    static final int MASS_TERMINATION_PEOPLE = 10;
    static final int MASS_TERMINATION_PERCENT = 20;
    private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(10);
    /** Several missed heartbeats, so a long garbage collection or a slow database does not fail a live import. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    /** How far ahead of this service's clock an export time may be (the two clocks differ a little). */
    private static final Duration AS_OF_LEEWAY = Duration.ofMinutes(5);
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
    WebhookReceiver webhooks;

    @Inject
    ProfileEvents events;

    @Inject
    HrisConfig config;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hris-import");
        t.setDaemon(true);
        return t;
    });

    /**
     * Refreshes the profile table's statistics after a large import, off the import queue: the next import need not
     * wait for it.
     */
    private final ExecutorService statistics = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hris-import-statistics");
        t.setDaemon(true);
        return t;
    });

    private final AtomicBoolean statisticsQueued = new AtomicBoolean();

    /** Reads the digests of the rows last imported while an import's first rows are parsed. */
    private final ExecutorService digestReader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hris-import-digests");
        t.setDaemon(true);
        return t;
    });

    /** Marks this replica's unfinished imports alive and fails those whose replica has stopped. */
    private final ScheduledExecutorService leases = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hris-import-lease");
        t.setDaemon(true);
        return t;
    });

    /** The imports queued or running in this replica. */
    private final Set<UUID> mine = ConcurrentHashMap.newKeySet();

    void onStart(@Observes StartupEvent event) {
        long every = HEARTBEAT_EVERY.toMillis();
        leases.scheduleWithFixedDelay(this::keepLeases, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        leases.shutdownNow();
        executor.shutdownNow();
        statistics.shutdownNow();
        digestReader.shutdownNow();
    }

    private void keepLeases() {
        try {
            if (!mine.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                                "UPDATE hris_import SET heartbeat_at = now() WHERE id IN (:ids) AND status IN ('queued', 'running')")
                        .setParameter("ids", List.copyOf(mine)).executeUpdate());
            }
            failAbandoned(ABANDONED_AFTER);
        } catch (RuntimeException e) {
            LOG.warnf("HRIS import leases not renewed: %s", e.getMessage());
        }
    }

    /**
     * Fails the imports that no replica has marked alive for {@code silence}: the replica that ran them stopped, and
     * their file went with it. Returns how many.
     */
    public int failAbandoned(Duration silence) {
        int failed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        UPDATE hris_import SET status = 'failed', finished_at = now(),
                               failure = 'interrupted: the service stopped while the import ran; upload the file again'
                        WHERE status IN ('queued', 'running') AND heartbeat_at < now() - make_interval(secs => :silence)""")
                .setParameter("silence", (double) silence.toSeconds()).executeUpdate());
        if (failed > 0) {
            LOG.warnf("%d HRIS import(s) interrupted by a stopped replica marked failed", failed);
        }
        return failed;
    }

    /** Records the job and starts it in the background; the caller polls {@link #get}. */
    public ImportView start(String integrationId, String mediaType, boolean fullSync, boolean terminateMissing,
                            Integer maxTerminations, Instant asOf, byte[] body) {
        HrisIntegration integration = integrations.require(integrationId);
        String format = format(mediaType);
        // Decoded here, before any job exists (a file that is not text is refused at once), and so that the request's
        // bytes are not kept as well while the import waits and runs.
        String text = decode(mediaType, body);
        if (terminateMissing && !fullSync) {
            throw ProblemException.invalid("terminateMissing", "only applies to a full sync (fullSync=true)");
        }
        if (maxTerminations != null && !terminateMissing) {
            throw ProblemException.invalid("maxTerminations", "only applies with terminateMissing=true");
        }
        if (asOf != null && asOf.isAfter(Instant.now().plus(AS_OF_LEEWAY))) {
            throw ProblemException.invalid("asOf", "is in the future: it is when the HRIS exported the file");
        }
        if (asOf != null && asOf.isBefore(HrisEvent.EARLIEST)) {
            throw ProblemException.invalid("asOf", "must be in the year 2000 or later: it is when the HRIS exported the file");
        }
        ImportJob job = QuarkusTransaction.requiringNew().call(() -> {
            ImportJob j = new ImportJob();
            j.id = UUID.randomUUID();
            j.integrationId = integration.id;
            j.format = format;
            j.fullSync = fullSync;
            j.terminateMissing = terminateMissing;
            j.maxTerminations = maxTerminations;
            // As the database keeps it, so that this answer and later reads agree.
            j.asOf = asOf == null ? null : asOf.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            j.status = "queued";
            j.createdAt = Instant.now();
            j.heartbeatAt = j.createdAt;
            em.persist(j);
            return j;
        });
        FieldMapping mapping = integration.fieldMapping;
        mine.add(job.id);
        executor.submit(() -> {
            try {
                run(job.id, format, mapping, text);
            } finally {
                mine.remove(job.id);
            }
        });
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

    /**
     * The file's text, in the charset its Content-Type names ({@code text/csv; charset=windows-1252}), UTF-8 when it
     * names none. Bytes that are not text in that charset are refused, with where the first one is, rather than read
     * as U+FFFD.
     */
    static String decode(String mediaType, byte[] body) {
        Charset charset = StandardCharsets.UTF_8;
        String named = parameter(mediaType, "charset");
        if (named != null) {
            try {
                charset = Charset.forName(named);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("Content-Type", "names the charset '" + named + "', which is not known here");
            }
        }
        String text = new String(body, charset);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        // A replacement character: bytes that are not text, or one the file holds as written. A strict decoder tells.
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(64 * 1024);
        while (true) {
            CoderResult result = in.hasRemaining() ? decoder.decode(in, out, true) : decoder.flush(out);
            if (result.isError()) {
                int at = in.position();
                int line = 1;
                for (int i = 0; i < at; i++) {
                    line += body[i] == '\n' ? 1 : 0;
                }
                throw ProblemException.invalid("body", "is not " + charset.name() + " text: byte " + (at + 1) + " (line "
                        + line + ") is not a character in it; name the file's charset in Content-Type, such as "
                        + "text/csv; charset=windows-1252, or send it as UTF-8");
            }
            if (result.isUnderflow() && !in.hasRemaining()) {
                return text;
            }
            out.clear();
        }
    }

    /** A parameter of a media type ({@code charset} of {@code text/csv; charset="utf-8"}), unquoted; null if absent. */
    private static String parameter(String mediaType, String name) {
        if (mediaType == null) {
            return null;
        }
        String[] parts = mediaType.split(";");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0 && parts[i].substring(0, eq).strip().equalsIgnoreCase(name)) {
                String value = parts[i].substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
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

    void run(UUID jobId, String format, FieldMapping mapping, String body) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                ImportJob job = em.find(ImportJob.class, jobId);
                job.status = "running";
                job.startedAt = Instant.now();
            });
            int staged = QuarkusTransaction.requiringNew().timeout(3600).call(() -> load(jobId, format, mapping, body));
            if (staged >= REFRESH_STATISTICS_FROM_ROWS && statisticsQueued.compareAndSet(false, true)) {
                statistics.submit(() -> {
                    // Imports that finish while this one waits are covered by it.
                    statisticsQueued.set(false);
                    refreshStatistics(jobId);
                });
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Import %s failed", jobId);
            String reason = e instanceof IllegalArgumentException
                    // Stored as text, which cannot hold U+0000.
                    ? e.getMessage().replace('\u0000', '\uFFFD') : "the import could not be completed";
            QuarkusTransaction.requiringNew().run(() -> {
                ImportJob job = em.find(ImportJob.class, jobId);
                job.status = "failed";
                job.failure = reason;
                job.finishedAt = Instant.now();
            });
        }
    }

    /**
     * What parsing left besides the rows it handed on: how many valid rows, how many of them were passed over as last
     * imported, and the line of each externalId.
     */
    private record Parsed(int rows, int passedOver, LineIndex lineOfExternalId, List<String> ignoredColumns) {
    }

    /** At most this many ignored column names are kept, each at most {@link #IGNORED_NAME_CHARS} characters. */
    private static final int IGNORED_COLUMNS_KEPT = 50;
    private static final int IGNORED_NAME_CHARS = 100;

    private static void ignore(java.util.Set<String> ignored, String name) {
        if (ignored.size() < IGNORED_COLUMNS_KEPT && !name.isEmpty()) {
            ignored.add(name.length() <= IGNORED_NAME_CHARS ? name : name.substring(0, IGNORED_NAME_CHARS) + "...");
        }
    }

    /**
     * Reads and validates the file, first telling {@code staging} how many rows it holds, then handing each valid
     * row to it as soon as it is read (the staging COPY then runs in the database while the rest of the file is
     * parsed). The first row of an externalId or an email wins; later ones are errors. A row whose text is the one
     * that last set its person, who has not changed since, is passed over: it was valid then, so only its externalId
     * and email are read, for the first-wins rule.
     */
    private Parsed parse(String format, FieldMapping mapping, String body, List<ImportJob.RowError> errors,
                         Staging staging) {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        boolean csv = format.equals("csv");
        List<String> lines = csv ? null : lines(text);
        int expected = csv ? Math.max(0, CsvReader.count(text) - 1)
                : (int) lines.stream().filter(l -> !l.isBlank()).count();
        staging.expect(expected);
        Rows rows = new Rows(errors, staging, expected);
        Set<String> mapped = new HashSet<>();
        EmployeeRecord.FIELDS.forEach(f -> mapped.add(mapping.sourceKey(f)));
        Set<String> ignored = new LinkedHashSet<>();
        if (csv) {
            List<String> header = new ArrayList<>();
            // The column of each field of EmployeeRecord.FIELDS under this mapping, -1 where the file has none.
            int[] columnOf = new int[EmployeeRecord.FIELDS.size()];
            RowDigests[] digests = {null};
            CsvReader.Row[] current = {null};
            RawRow raw = field -> columnOf[field] < 0 ? null : current[0].get(columnOf[field]);
            CsvReader.read(text, (line, row) -> {
                if (header.isEmpty()) {
                    row.fields().forEach(f -> header.add(f.strip()));
                    for (int i = 0; i < columnOf.length; i++) {
                        String column = mapping.sourceKey(EmployeeRecord.FIELDS.get(i));
                        columnOf[i] = header.indexOf(column);
                        // Which of two columns with one name holds the value is anyone's guess: the file is refused.
                        if (columnOf[i] >= 0 && header.lastIndexOf(column) != columnOf[i]) {
                            throw new IllegalArgumentException("the CSV header names the column " + column + " twice");
                        }
                    }
                    for (String column : header) {
                        if (!mapped.contains(column)) {
                            ignore(ignored, column.replace('\u0000', '\uFFFD'));
                        }
                    }
                    if (columnOf[0] < 0) {
                        // Rather than one error per row: the file's columns are not this mapping's. The header is not
                        // quoted back: a file without one would have its first employee's data kept in the job.
                        throw new IllegalArgumentException("the CSV header has no column " + mapping.sourceKey("externalId")
                                + " (the employee id under the field mapping " + mapping.name().toLowerCase(Locale.ROOT)
                                + "); the first line must name the columns");
                    }
                    digests[0] = new RowDigests(format, mapping, row.text().substring(row.start(), row.end()));
                    return;
                }
                if (row.size() != header.size()) {
                    int id = columnOf[0];
                    String externalId = id < 0 || id >= row.size() ? null : row.get(id);
                    errors.add(new ImportJob.RowError(line, externalId == null || externalId.isBlank() ? null
                            : externalId.strip(), "", "has " + row.size() + " fields, the header has " + header.size()));
                    return;
                }
                byte[] digest = digests[0].of(row.text(), row.start(), row.end());
                current[0] = row;
                rows.accept(line, digest, raw);
            });
            if (header.isEmpty()) {
                throw new IllegalArgumentException("the CSV file has no header line");
            }
        } else {
            RowDigests digests = new RowDigests(format, mapping, "");
            // One JSON value per line: a second object, or anything else, behind the first is an error of the line.
            ObjectReader oneValue = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            for (int i = 0; i < lines.size(); i++) {
                String json = lines.get(i);
                if (json.isBlank()) {
                    continue;
                }
                int line = i + 1;
                byte[] digest = digests.of(json, 0, json.length());
                if (rows.lastImportedNow(digest)) {
                    // Valid when it was imported: its externalId and email are read without building the object.
                    String[] idAndEmail = idAndEmail(json, mapping);
                    if (idAndEmail != null) {
                        rows.passedOver(line, idAndEmail[0], idAndEmail[1]);
                        continue;
                    }
                }
                JsonNode node;
                try {
                    node = oneValue.readTree(json);
                } catch (IOException e) {
                    errors.add(new ImportJob.RowError(line, null, "", "is not well-formed JSON, or holds more than one value"));
                    continue;
                }
                if (node == null || !node.isObject()) {
                    errors.add(new ImportJob.RowError(line, null, "", "must be a JSON object"));
                    continue;
                }
                JsonNode row = node;
                if (ignored.size() < IGNORED_COLUMNS_KEPT) {
                    row.fieldNames().forEachRemaining(name -> {
                        if (!mapped.contains(name)) {
                            ignore(ignored, name.replace('\u0000', '\uFFFD'));
                        }
                    });
                }
                List<Problem.FieldError> typeErrors = EmployeeRecord.jsonTypeErrors(row, mapping);
                if (!typeErrors.isEmpty()) {
                    JsonNode id = row.get(mapping.sourceKey("externalId"));
                    // As every row error names it: stripped, and none when blank.
                    String externalId = id != null && (id.isTextual() || id.isNumber()) && !id.asText().isBlank()
                            ? id.asText().strip() : null;
                    typeErrors.forEach(e -> errors.add(new ImportJob.RowError(line, externalId, e.field(), e.message())));
                    continue;
                }
                rows.accept(line, digest,
                        field -> EmployeeRecord.jsonText(row.get(mapping.sourceKey(EmployeeRecord.FIELDS.get(field)))));
            }
        }
        rows.finish();
        return new Parsed(rows.count, rows.passedOver, rows.lineOfExternalId, List.copyOf(ignored));
    }

    /** The lines of a JSON Lines file, LF or CRLF ended. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            int next = end < 0 ? text.length() : end + 1;
            if (end < 0) {
                end = text.length();
            }
            lines.add(text.substring(from, end > from && text.charAt(end - 1) == '\r' ? end - 1 : end));
            from = next;
        }
        return lines;
    }

    /**
     * The externalId and email of a JSON object line as {@link EmployeeRecord#jsonText} reads them, found by reading
     * its top-level members in turn; null if either is anything but a string, null or absent (or the line is not an
     * object), for the caller to read the line in full.
     */
    private String[] idAndEmail(String line, FieldMapping mapping) {
        String idKey = mapping.sourceKey("externalId");
        String emailKey = mapping.sourceKey("email");
        String[] found = new String[2];
        try (JsonParser parser = mapper.getFactory().createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                int at = name.equals(idKey) ? 0 : name.equals(emailKey) ? 1 : -1;
                if (at < 0) {
                    parser.skipChildren();
                } else if (value == JsonToken.VALUE_STRING) {
                    // The last of two members with one name counts, as when the object is built.
                    found[at] = parser.getText();
                } else if (value == JsonToken.VALUE_NULL) {
                    found[at] = null;
                } else {
                    return null;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return found[0] == null ? null : found;
    }

    /** A row's raw value of each field of {@link EmployeeRecord#FIELDS}, by index; null where it has none. */
    private interface RawRow {
        String value(int field);
    }

    /**
     * The rows of a file after reading, in its order: checked against the last imported rows, validated, held to the
     * first-wins rule and handed to the staging. Rows read before the last imported rows' digests are known wait for
     * them, copied out, and go first once they are.
     */
    private static final class Rows {
        private final List<ImportJob.RowError> errors;
        private final Staging staging;
        final LineIndex lineOfExternalId;
        private final LineIndex lineOfEmail;
        private final List<Waiting> waiting = new ArrayList<>();
        int count;
        int passedOver;

        Rows(List<ImportJob.RowError> errors, Staging staging, int expected) {
            this.errors = errors;
            this.staging = staging;
            this.lineOfExternalId = new LineIndex(expected);
            this.lineOfEmail = new LineIndex(expected);
        }

        private static final int WAITING_AT_MOST = 10_000;

        /** A row read before the digests were known: its values, copied out of the reader. */
        private record Waiting(int line, byte[] digest, String[] values) {
        }

        void accept(int line, byte[] digest, RawRow raw) {
            if (waiting.size() >= WAITING_AT_MOST) {
                // The digests take longer than usual: wait for them rather than copy out the whole file.
                staging.awaitKnown();
            }
            if (!staging.knownReady()) {
                waiting.add(new Waiting(line, digest, values(raw)));
                return;
            }
            release();
            handle(line, digest, raw);
        }

        void finish() {
            staging.awaitKnown();
            release();
        }

        private void release() {
            for (Waiting row : waiting) {
                handle(row.line(), row.digest(), field -> row.values()[field]);
            }
            waiting.clear();
        }

        /**
         * Whether the row with this digest is known by now as the one that last set its person (rows waiting for the
         * digests go first); false while the digests are still being read.
         */
        boolean lastImportedNow(byte[] digest) {
            if (!staging.knownReady()) {
                return false;
            }
            release();
            return staging.lastImported(digest);
        }

        /** A row passed over as last imported: valid then, so only the first-wins rule is left to check. */
        void passedOver(int line, String externalId, String email) {
            staging.progress();
            if (firstOfItsKind(line, externalId.strip(), stripped(email))) {
                count++;
                passedOver++;
            }
        }

        private void handle(int line, byte[] digest, RawRow raw) {
            if (staging.lastImported(digest)) {
                passedOver(line, raw.value(0), raw.value(1));
                return;
            }
            staging.progress();
            EmployeeRecord.Parsed parsed = EmployeeRecord.parse(values(raw));
            EmployeeRecord e = parsed.record();
            parsed.errors().forEach(err -> errors.add(new ImportJob.RowError(line, e.externalId(), err.field(), err.message())));
            if (parsed.ok() && firstOfItsKind(line, e.externalId(), e.email())) {
                count++;
                staging.add(e, digest);
            }
        }

        /** The row's values, copied out in the order of {@link EmployeeRecord#FIELDS}. */
        private static String[] values(RawRow raw) {
            String[] values = new String[EmployeeRecord.FIELDS.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = raw.value(i);
            }
            return values;
        }

        private static String stripped(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }

        /** Whether the row is the first with its externalId and its email; if not, an error says so. */
        private boolean firstOfItsKind(int line, String externalId, String email) {
            int first = lineOfExternalId.putIfAbsent(externalId, line);
            if (first != 0) {
                errors.add(new ImportJob.RowError(line, externalId, "externalId", "appears again; first on line " + first));
                return false;
            }
            if (email != null) {
                int emailFirst = lineOfEmail.putIfAbsent(email.toLowerCase(Locale.ROOT), line);
                if (emailFirst != 0) {
                    errors.add(new ImportJob.RowError(line, externalId, "email", "is used on line " + emailFirst + " too"));
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A bulk load can change the profile table's shape more than autovacuum notices in time (or at all where it is
     * off): the planner would keep estimating from an empty table and pick slow plans for directory searches.
     */
    private void refreshStatistics(UUID jobId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("ANALYZE profile").executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf("Import %s: refreshing the profile table's statistics failed: %s", jobId, e.getMessage());
        }
    }

    /**
     * Parses the file into the staging table and merges it, all in the caller's transaction; returns how many rows
     * were staged.
     */
    private int load(UUID jobId, String format, FieldMapping mapping, String body) {
        ImportJob snapshot = em.find(ImportJob.class, jobId);
        boolean terminateMissing = snapshot.fullSync && snapshot.terminateMissing;
        Integer maxTerminations = snapshot.maxTerminations;
        // An instant as SQL: made here from an Instant, never from the caller's text.
        String asOf = snapshot.asOf == null ? null : "'" + snapshot.asOf + "'::timestamptz";
        UUID integrationId = snapshot.integrationId;
        em.detach(snapshot);
        List<ImportJob.RowError> errors = new ArrayList<>();
        LineIndex lineOf;
        List<String> ignoredColumns;
        Set<UUID> created = new LinkedHashSet<>();
        Set<UUID> updated = new LinkedHashSet<>();
        // Leavers whose address a row gave to someone else: published as updated, not counted as rows of the file.
        Set<UUID> released = new LinkedHashSet<>();
        Set<UUID> terminated = new LinkedHashSet<>();
        int total;
        int staged;
        int valid;
        int unchanged;
        int erasedRows = 0;
        int staleRows = 0;
        long knownMillis;
        long merged;
        long mergeStarted;
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                // Each staged row gets its profile id up front, so that new profiles are inserted with their
                // managers already resolved, among themselves too.
                s.execute("CREATE TEMP TABLE hris_import_rows (id uuid NOT NULL DEFAULT gen_random_uuid(), "
                        + "external_id text PRIMARY KEY, email text, "
                        + "display_name text, job_title text, department text, location text, time_zone text, "
                        + "languages jsonb, level integer, grade_label text, manager_external_id text, hire_date date, "
                        + "status text, row_digest bytea, manager_cleared boolean NOT NULL DEFAULT false) "
                        + "ON COMMIT DROP");
                if (terminateMissing) {
                    s.execute("CREATE TEMP TABLE hris_import_seen (external_id text PRIMARY KEY) ON COMMIT DROP");
                }
            }
            long parsing = System.nanoTime();
            Parsed parsed;
            // With asOf every row is compared with its person's marker, so none is passed over.
            try (Staging staging = new Staging(c, jobId, asOf == null ? integrationId : null, terminateMissing)) {
                parsed = parse(format, mapping, body, errors, staging);
                staging.finish();
                knownMillis = staging.knownMillis;
            }
            lineOf = parsed.lineOfExternalId();
            ignoredColumns = parsed.ignoredColumns();
            staged = parsed.rows() - parsed.passedOver();
            total = parsed.rows() + (int) errors.stream().mapToInt(ImportJob.RowError::line).distinct().count();
            QuarkusTransaction.requiringNew().run(() -> em.find(ImportJob.class, jobId).totalRows = total);
            if (terminateMissing) {
                // A line that could not be read may be anyone's: whoever it held would count as missing and be
                // terminated. As with too many terminations, the sync is refused before it changes anything.
                errors.stream().filter(ImportService::namesNobodyItCouldRead).findFirst().ifPresent(e -> {
                    throw new IllegalArgumentException("line " + e.line() + " " + e.message() + ", so whether the "
                            + "person it holds is missing from this full sync cannot be known; nothing was changed. "
                            + "Correct the line, or upload the file without terminateMissing");
                });
                stageSeen(c, lineOf.keys(), errors);
            }
            try (Statement s = c.createStatement()) {
                // A sample of 3,000 rows is plenty for the joins below, and a tenth of the default's cost.
                String target = column(c, "SELECT current_setting('default_statistics_target')").get(0);
                s.execute("SET LOCAL default_statistics_target = 10");
                s.execute("ANALYZE hris_import_rows");
                s.execute("SELECT set_config('default_statistics_target', '" + Integer.parseInt(target) + "', true)");
            }
            mergeStarted = System.nanoTime();
            LOG.infof("Import %s: %d rows parsed and validated, %d of them staged (the rest as last imported) in %d ms "
                    + "(%d ms of it reading the last imported rows' digests)", jobId, parsed.rows(), staged,
                    (mergeStarted - parsing) / 1_000_000, knownMillis);
            // People whose data was erased stay erased: their rows are left out (their rows' errors too, which would
            // keep their employee id), and whoever the file says they manage is left without a manager. The shared
            // lock keeps an erasure from committing between this check and the merge (ErasedEmployees.lockShared).
            try (PreparedStatement lock = c.prepareStatement(ErasedEmployees.LOCK_SHARED.replace(":k", "?"))) {
                lock.setString(1, ErasedEmployees.LOCK);
                lock.execute();
            }
            boolean anyErased = count(c, "SELECT count(*) FROM (SELECT 1 FROM erased_employee LIMIT 1) e") > 0;
            if (anyErased) {
                erasedRows = column(c, "DELETE FROM hris_import_rows r USING erased_employee e WHERE e.digest = "
                        + ErasedEmployees.sqlDigest("r.external_id") + " RETURNING r.external_id").size();
                try (Statement s = c.createStatement()) {
                    // Without a digest: the row is compared in full every time, so its people are linked again should
                    // HR bring the manager back (and no digest of the erased person's id is kept).
                    s.execute("UPDATE hris_import_rows r SET manager_external_id = NULL, manager_cleared = true, row_digest = NULL "
                            + "FROM erased_employee e WHERE e.digest = " + ErasedEmployees.sqlDigest("r.manager_external_id"));
                }
                Set<java.nio.ByteBuffer> digests = new HashSet<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT digest FROM erased_employee")) {
                    while (rs.next()) {
                        digests.add(java.nio.ByteBuffer.wrap(rs.getBytes(1)));
                    }
                }
                Set<Integer> erasedLines = new HashSet<>();
                errors.removeIf(e -> {
                    boolean erased = e.externalId() != null
                            && digests.contains(java.nio.ByteBuffer.wrap(ErasedEmployees.digest(e.externalId())));
                    if (erased) {
                        erasedLines.add(e.line());
                    }
                    return erased;
                });
                erasedRows += erasedLines.size();
            }
            if (asOf != null) {
                // The HRIS told this service of a change to these people after the file was exported: the file's
                // older rows must not undo it (the rule of a webhook's occurredAt; at the same instant the file wins
                // over an event without a sequence, so the same file sent again is unchanged, not stale).
                staleRows = column(c, "DELETE FROM hris_import_rows r USING profile p WHERE p.external_id = "
                        + "r.external_id AND " + newerThan(asOf) + " RETURNING r.external_id").size();
            }
            // The address of someone who left, given to someone else by a row, is let go by the leaver's profile (the
            // rule of a webhook event, ProfileService.claimEmail), unless this file speaks of the leaver too. Anyone
            // else's is theirs: the row is refused.
            released.addAll(uuids(c, """
                    UPDATE profile h SET email = NULL, version = h.version + 1, updated_at = now()
                    FROM hris_import_rows r
                    WHERE lower(h.email) = lower(r.email) AND h.external_id IS DISTINCT FROM r.external_id
                      AND h.status = 'terminated'
                      AND NOT EXISTS (SELECT 1 FROM hris_import_rows o WHERE o.external_id = h.external_id)
                    RETURNING h.id::text"""));
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
            valid = (int) count(c, "SELECT count(*) FROM hris_import_rows");
            // A row that terminates someone active or on leave is a deactivation, published as such (below).
            List<UUID> leaving = uuids(c, "SELECT p.id::text FROM hris_import_rows r JOIN profile p ON p.external_id = "
                    + "r.external_id WHERE r.status = 'terminated' AND p.status IN ('active', 'on_leave')");
            // A full sync that terminates whoever it leaves out also brings back whoever it lists again.
            String statusIfListed = terminateMissing
                    ? "CASE WHEN p.status = 'terminated' THEN 'active' ELSE p.status END" : "p.status";
            // A person as the staged row r would leave profile p, and as p is: the import changes p where they differ.
            String asTheRowSays = """
                    (coalesce(r.email, p.email), coalesce(r.display_name, p.display_name),
                     coalesce(r.job_title, p.job_title), coalesce(r.department, p.department),
                     coalesce(r.location, p.location), coalesce(r.time_zone, p.time_zone),
                     coalesce(r.languages, p.languages), coalesce(r.level, p.level),
                     coalesce(r.grade_label, p.grade_label), coalesce(r.manager_external_id, p.manager_external_id),
                     coalesce(r.hire_date, p.hire_date), coalesce(r.status, %s))""".formatted(statusIfListed);
            String asTheProfileIs = """
                    (p.email, p.display_name, p.job_title, p.department, p.location, p.time_zone, p.languages,
                     p.level, p.grade_label, p.manager_external_id, p.hire_date, p.status)""";
            List<UUID> rowUpdates = uuids(c, """
                    UPDATE profile p SET
                        email = coalesce(r.email, p.email), display_name = coalesce(r.display_name, p.display_name),
                        job_title = coalesce(r.job_title, p.job_title), department = coalesce(r.department, p.department),
                        location = coalesce(r.location, p.location), time_zone = coalesce(r.time_zone, p.time_zone),
                        languages = coalesce(r.languages, p.languages), level = coalesce(r.level, p.level),
                        grade_label = coalesce(r.grade_label, p.grade_label),
                        manager_external_id = coalesce(r.manager_external_id, p.manager_external_id),
                        hire_date = coalesce(r.hire_date, p.hire_date), status = coalesce(r.status, %2$s),
                        hris_integration_id = '%1$s', version = p.version + 1, updated_at = now(),
                        hris_effective_at = %3$s, hris_sequence = %4$s,
                        hris_row_digest = r.row_digest, hris_row_version = p.version + 1
                    FROM hris_import_rows r
                    WHERE p.external_id = r.external_id AND p.status <> 'erased' AND %5$s IS DISTINCT FROM %6$s%7$s
                    RETURNING p.id::text""".formatted(integrationId, statusIfListed, asOf == null ? "p.hris_effective_at" : asOf,
                    asOf == null ? "p.hris_sequence" : "NULL", asTheRowSays, asTheProfileIs,
                    // Checked again on the row as it is when updated: a newer webhook event that committed since the
                    // stale rows were taken out keeps its data, and the person's HRIS time never moves back.
                    asOf == null ? "" : " AND NOT " + newerThan(asOf)));
            Set<UUID> changedRows = new HashSet<>(rowUpdates);
            if (anyErased) {
                changedRows.addAll(uuids(c, """
                        UPDATE profile p SET manager_external_id = NULL, manager_id = NULL, version = p.version + 1,
                            updated_at = now()
                        FROM hris_import_rows r
                        WHERE r.manager_cleared AND p.external_id = r.external_id AND p.status <> 'erased'
                          AND (p.manager_external_id IS NOT NULL OR p.manager_id IS NOT NULL)
                        RETURNING p.id::text"""));
            }
            updated.addAll(changedRows);
            terminated.addAll(leaving);
            unchanged = valid + parsed.passedOver() - changedRows.size();
            IndexSet aside = setIndexesAside(c, jobId, valid - rowUpdates.size());
            // A new profile's manager is an existing profile, or else a new one of this file (m is then null and n
            // is inserted by this same statement, under its staged id); never the person themselves.
            created.addAll(uuids(c, """
                    INSERT INTO profile (id, external_id, email, display_name, job_title, department, location,
                        time_zone, languages, level, grade_label, manager_external_id, manager_id, hire_date, status,
                        version, created_at, updated_at, hris_integration_id, hris_effective_at, hris_row_digest,
                        hris_row_version)
                    SELECT r.id, r.external_id, r.email, r.display_name, r.job_title, r.department,
                        r.location, r.time_zone, coalesce(r.languages, '[]'), r.level, r.grade_label,
                        r.manager_external_id, nullif(coalesce(m.id, n.id), r.id), r.hire_date,
                        coalesce(r.status, 'active'), 1, now(), now(), '%s'::uuid, %s, r.row_digest, 1
                    FROM hris_import_rows r
                    LEFT JOIN profile m ON m.external_id = r.manager_external_id
                    LEFT JOIN hris_import_rows n ON n.external_id = r.manager_external_id
                    WHERE NOT EXISTS (SELECT 1 FROM profile p WHERE p.external_id = r.external_id)
                    RETURNING id::text""".formatted(integrationId, asOf == null ? "NULL::timestamptz" : asOf)));
            aside.rebuild(c);
            // Everyone's link to their manager is checked again if this import changed someone who was here before
            // (their manager may be someone else now). Otherwise the links it made are the new people's, resolved as
            // they were inserted, and only the people still waiting for their manager (the HRIS named one not known
            // here, perhaps someone new in this file) are looked at: the people it passed over or found unchanged are
            // as the import that last resolved their links left them, or their row would have changed them.
            Set<String> refused = new HashSet<>();
            errors.forEach(e -> refused.add(e.externalId()));
            try (Statement s = c.createStatement(); ResultSet relinked = s.executeQuery("""
                    UPDATE profile p SET manager_id = m.manager, version = p.version + 1, updated_at = now()
                    FROM (SELECT c.id AS child, m.id AS manager
                          FROM profile c LEFT JOIN profile m ON m.external_id = c.manager_external_id AND m.id <> c.id
                          WHERE c.manager_external_id IS NOT NULL%s) m
                    WHERE p.id = m.child AND p.manager_id IS DISTINCT FROM m.manager
                    RETURNING p.id, p.external_id""".formatted(rowUpdates.isEmpty() ? " AND c.manager_id IS NULL" : ""))) {
                while (relinked.next()) {
                    UUID id = relinked.getObject(1, UUID.class);
                    String externalId = relinked.getString(2);
                    // A row of the file counted unchanged whose person this link changed: updated, not unchanged
                    // (updated holds the rows the merge changed already).
                    if (updated.add(id) && !created.contains(id)
                            && lineOf.get(externalId) > 0 && !refused.contains(externalId)) {
                        unchanged--;
                    }
                }
            }
            // Rows compared in full are remembered as each profile now stands, so that the same row next time is passed
            // over (those this import changed recorded it already; a later change here moved the version on). An
            // initial load, all of whose rows are new, has nothing to add.
            if (valid > created.size()) {
                try (Statement s = c.createStatement()) {
                    // Compared again here: a change committed since the merge compared this row (HR, a webhook) must
                    // not be recorded as what the file says.
                    s.execute("UPDATE profile p SET hris_row_digest = r.row_digest, hris_row_version = p.version "
                            + "FROM hris_import_rows r WHERE p.external_id = r.external_id AND p.status <> 'erased' AND "
                            + "(p.hris_row_digest IS DISTINCT FROM r.row_digest OR p.hris_row_version IS DISTINCT FROM p.version) "
                            + "AND " + asTheRowSays + " IS NOT DISTINCT FROM " + asTheProfileIs);
                }
            }
            if (asOf != null) {
                // The rows that changed nothing still say how these people were at asOf: a webhook event older than
                // that, arriving late, is stale. Only the marker moves (no new version, no event).
                try (Statement s = c.createStatement()) {
                    s.execute("UPDATE profile p SET hris_effective_at = " + asOf + ", hris_sequence = NULL "
                            + "FROM hris_import_rows r WHERE p.external_id = r.external_id AND p.status <> 'erased' "
                            + "AND (p.hris_effective_at IS NULL OR p.hris_effective_at < " + asOf + ")");
                }
            }
            if (terminateMissing) {
                if (ids(c, "SELECT external_id FROM hris_import_seen LIMIT 1").isEmpty()) {
                    throw new IllegalArgumentException("a full sync with no rows would terminate everyone; refused");
                }
                String missing = """
                        FROM profile p WHERE p.hris_integration_id = '%s' AND p.status IN ('active', 'on_leave')
                          AND NOT EXISTS (SELECT 1 FROM hris_import_seen s WHERE s.external_id = p.external_id)"""
                        .formatted(integrationId)
                        // Someone the HRIS told of after the export is not missing from it.
                        + (asOf == null ? "" : " AND NOT " + newerThan(asOf));
                long leavingCount = count(c, "SELECT count(*) " + missing);
                long allowed = maxTerminations != null ? maxTerminations : Math.max(MASS_TERMINATION_PEOPLE,
                        count(c, "SELECT count(*) FROM profile WHERE hris_integration_id = '%s' AND status IN "
                                .formatted(integrationId) + "('active', 'on_leave')") * MASS_TERMINATION_PERCENT / 100);
                if (leavingCount > allowed) {
                    throw new IllegalArgumentException("this full sync would terminate " + leavingCount + " people, more"
                            + " than " + (maxTerminations != null ? "maxTerminations=" + maxTerminations
                            : "the " + MASS_TERMINATION_PEOPLE + " people or " + MASS_TERMINATION_PERCENT
                            + " % of the integration's active people a sync may terminate unasked")
                            + "; nothing was changed. If the file is complete, upload it again with maxTerminations="
                            + leavingCount);
                }
                terminated.addAll(uuids(c, "UPDATE profile SET status = 'terminated', version = version + 1, "
                        + "updated_at = now()" + (asOf == null ? "" : ", hris_effective_at = " + asOf + ", hris_sequence = NULL")
                        + " WHERE id IN (SELECT p.id " + missing + ") RETURNING id::text"));
            }
            updated.removeAll(created);
            updated.removeAll(terminated);
            merged = System.nanoTime();
            Set<UUID> changed = new LinkedHashSet<>(updated);
            changed.addAll(released);
            changed.removeAll(created);
            changed.removeAll(terminated);
            publish(c, created, changed, terminated);
            if (asOf != null) {
                // Terminations, leaves and manager changes that came as webhooks before these people existed here,
                // after the export was taken, now apply (after the events above, in the order they happened).
                // Those older than the export are marked stale.
                for (String externalId : ids(c, "SELECT DISTINCT e.external_id FROM hris_event e JOIN hris_import_rows r "
                        + "ON r.external_id = e.external_id WHERE e.outcome = 'unknown_employee'")) {
                    webhooks.applyHeld(externalId);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("import " + jobId + " failed in the database", e);
        }
        LOG.infof("Import %s: %d valid rows merged in %d ms, %d events in %d ms", jobId, valid,
                (merged - mergeStarted) / 1_000_000, created.size() + updated.size() + released.size() + terminated.size(),
                (System.nanoTime() - merged) / 1_000_000);
        ImportJob job = em.find(ImportJob.class, jobId);
        job.status = "completed";
        job.failure = null;
        job.processedRows = total;
        job.created = created.size();
        job.updated = updated.size();
        job.unchanged = unchanged - created.size();
        job.terminated = terminated.size();
        job.erased = erasedRows;
        job.stale = staleRows;
        errors.sort(java.util.Comparator.comparingInt(ImportJob.RowError::line));
        job.errorCount = errors.size();
        job.errors = new ArrayList<>(errors.subList(0, Math.min(errors.size(), ImportJob.MAX_STORED_ERRORS)));
        job.ignoredColumns = new ArrayList<>(ignoredColumns);
        job.finishedAt = Instant.now();
        return staged;
    }

    /** The profile table's secondary indexes, as set aside for an initial load; rebuilt by {@link #rebuild}. */
    private record IndexSet(UUID jobId, List<String> definitions) {
        static final IndexSet NONE = new IndexSet(null, List.of());

        void rebuild(Connection c) throws SQLException {
            if (definitions.isEmpty()) {
                return;
            }
            long started = System.nanoTime();
            try (Statement s = c.createStatement()) {
                for (String definition : definitions) {
                    s.execute(definition);
                }
            }
            LOG.infof("Import %s: %d indexes of the profile table built in %d ms", jobId, definitions.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Before inserting the new profiles (at most {@code atMost}): when they are many and more than the table holds
     * (an initial load), drops the profile table's secondary indexes, inside this transaction, and returns their
     * definitions so that {@link IndexSet#rebuild} creates them again once the rows are in. Building an index from
     * 100,000 rows costs a fraction of updating it 100,000 times. The primary key stays. The table's exclusive lock
     * is taken first and kept until commit; if it is not granted within two seconds (a long transaction holds the
     * table), the rows go in the usual way instead. A unique index that cannot be built again (a concurrent writer
     * slipped in a duplicate) fails the whole import, which then leaves no trace.
     */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String DEADLOCK = "40P01";

    private IndexSet setIndexesAside(Connection c, UUID jobId, int atMost) throws SQLException {
        int from = config.importRebuildIndexesFrom();
        if (from <= 0 || atMost < from) {
            return IndexSet.NONE;
        }
        long newRows = count(c, "SELECT count(*) FROM hris_import_rows r "
                + "WHERE NOT EXISTS (SELECT 1 FROM profile p WHERE p.external_id = r.external_id)");
        long existing = count(c, "SELECT count(*) FROM profile");
        if (newRows < from || existing >= newRows) {
            return IndexSet.NONE;
        }
        try (Statement s = c.createStatement()) {
            String lockTimeout = column(c, "SELECT current_setting('lock_timeout')").get(0);
            s.execute("SAVEPOINT set_indexes_aside");
            try {
                s.execute("SET LOCAL lock_timeout = '2s'");
                s.execute("LOCK TABLE profile IN ACCESS EXCLUSIVE MODE");
            } catch (SQLException e) {
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) && !DEADLOCK.equals(e.getSQLState())) {
                    throw e;
                }
                // Also undoes the SET LOCAL.
                s.execute("ROLLBACK TO SAVEPOINT set_indexes_aside");
                LOG.infof("Import %s: the profile table is busy (%s); its indexes are updated row by row", jobId,
                        e.getMessage());
                return IndexSet.NONE;
            }
            s.execute("RELEASE SAVEPOINT set_indexes_aside");
            try (PreparedStatement restore = c.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
                restore.setString(1, lockTimeout);
                restore.execute();
            }
        }
        // Read under the lock, so that what is dropped is exactly what is built again.
        List<String> names = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT quote_ident(n.nspname) || '.' || quote_ident(i.relname), pg_get_indexdef(i.oid)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
                WHERE x.indrelid = 'profile'::regclass AND NOT x.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid)
                ORDER BY i.relname""")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                definitions.add(rs.getString(2));
            }
        }
        if (names.isEmpty()) {
            return IndexSet.NONE;
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP INDEX " + String.join(", ", names));
        }
        LOG.infof("Import %s: %d new profiles for a directory of %d: the profile table's %d secondary indexes are "
                + "built after the insert", jobId, newRows, existing, names.size());
        return new IndexSet(jobId, definitions);
    }

    private static final String STAGED_COLUMNS = "external_id, email, display_name, job_title, department, location, "
            + "time_zone, languages, level, grade_label, manager_external_id, hire_date, status";

    /**
     * Appends the row of COPY text that stages an employee, in the order of {@link #STAGED_COLUMNS}, its languages
     * given as JSON.
     */
    private static void copyText(StringBuilder text, EmployeeRecord e, String languages) {
        CopyText.row(text, e.externalId(), e.email(), e.displayName(), e.jobTitle(), e.department(),
                e.location(), e.timeZone(), languages,
                e.level() == null ? null : e.level().toString(), e.gradeLabel(), e.managerExternalId(),
                e.hireDate() == null ? null : e.hireDate().toString(), e.status());
    }

    /** SQL: profile {@code p} holds an HRIS fact newer than a file exported at {@code asOf} (an SQL instant). */
    private static String newerThan(String asOf) {
        return "coalesce(p.hris_effective_at > " + asOf + " OR (p.hris_effective_at = " + asOf
                + " AND p.hris_sequence IS NOT NULL), false)";
    }

    /**
     * The digests of the rows that last set this integration's people, for those not changed since (their version is
     * the one the import left). A digest covers a row's whole text under its file's header, employee id and all, so
     * it alone says whose row it is.
     */
    private static DigestSet knownRows(Connection c, UUID integrationId, boolean terminateMissing) throws SQLException {
        DigestSet known = new DigestSet();
        // A full sync that terminates the missing brings a terminated person it lists back: their row is compared.
        try (PreparedStatement s = c.prepareStatement("SELECT hris_row_digest FROM profile "
                + "WHERE hris_integration_id = ? AND hris_row_version = version AND hris_row_digest IS NOT NULL "
                + "AND status <> 'erased'" + (terminateMissing ? " AND status <> 'terminated'" : ""))) {
            s.setObject(1, integrationId);
            s.setFetchSize(10_000);
            // The digests as bytes on the wire rather than as hex text to decode (a negative threshold asks for it).
            s.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byte[] digest = rs.getBytes(1);
                    if (digest.length == DigestSet.BYTES) {
                        known.add(digest);
                    }
                }
            }
        }
        return known;
    }

    /** How many lists of languages an import keeps the JSON of. */
    private static final int LANGUAGE_LISTS_KEPT = 4096;

    /** About how much COPY text is sent to the database at a time while the file is parsed. */
    private static final int STAGING_CHUNK_CHARS = 256 * 1024;

    /**
     * The valid rows on their way into the staging table: one PostgreSQL COPY, open while the file is parsed and fed
     * a chunk at a time, so the database stores rows on one core while the service parses on the other. Progress
     * ({@code processedRows}) shows every ten batches.
     */
    private final class Staging implements AutoCloseable {
        private final Connection c;
        private CopyIn copy;
        private final UUID jobId;
        private final UUID passOverFor;
        private final boolean terminateMissing;
        private final int progressEvery = Math.max(1, config.importBatchSize() * 10);
        private final StringBuilder text = new StringBuilder(STAGING_CHUNK_CHARS + 4096);
        /** The digests of the rows last imported; null while they are read ({@link #knownLater}). */
        private DigestSet known = new DigestSet();
        private CompletableFuture<DigestSet> knownLater;
        /** The JSON of each list of languages met so far: a file's rows repeat a few dozen (a bounded number kept). */
        private final Map<List<String>, String> languages = new HashMap<>();
        private int rows;
        /** How long reading the last imported rows' digests took. */
        volatile long knownMillis;

        /** {@code passOverFor}: the integration whose people's rows may be passed over as last imported, or null. */
        Staging(Connection c, UUID jobId, UUID passOverFor, boolean terminateMissing) {
            this.c = c;
            this.jobId = jobId;
            this.passOverFor = passOverFor;
            this.terminateMissing = terminateMissing;
        }

        /**
         * States the file's row count, before its rows arrive, so that progress reads as a fraction; starts reading
         * what the rows may be passed over against (a file of a few rows is compared in full rather than read all of
         * that) and opens the COPY.
         */
        void expect(int total) {
            QuarkusTransaction.requiringNew().run(() -> em.find(ImportJob.class, jobId).totalRows = total);
            if (passOverFor != null && total >= config.importPassOverFrom()) {
                // Read on a connection of its own while the first rows are parsed; they wait for it (Rows). A
                // statement of this transaction would read the committed digests just the same.
                known = null;
                knownLater = CompletableFuture.supplyAsync(() -> {
                    long started = System.nanoTime();
                    try (Connection own = dataSource.getConnection()) {
                        // In a transaction, so that the rows come a batch at a time from a cursor.
                        own.setAutoCommit(false);
                        try {
                            DigestSet rows = knownRows(own, passOverFor, terminateMissing);
                            knownMillis = (System.nanoTime() - started) / 1_000_000;
                            return rows;
                        } finally {
                            own.rollback();
                            own.setAutoCommit(true);
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException("the last imported rows' digests could not be read", e);
                    }
                }, digestReader);
            }
            try {
                open();
            } catch (SQLException e) {
                throw new IllegalStateException("the staging table could not be opened", e);
            }
        }

        private void open() throws SQLException {
            if (copy == null) {
                copy = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY hris_import_rows (" + STAGED_COLUMNS + ", row_digest) FROM STDIN");
            }
        }

        /** Whether the last imported rows' digests are known by now. */
        boolean knownReady() {
            if (known == null && knownLater.isDone()) {
                awaitKnown();
            }
            return known != null;
        }

        void awaitKnown() {
            if (known == null) {
                try {
                    known = knownLater.join();
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }

        /**
         * Whether a row with this digest is the one that last set its person (the digest covers the employee id),
         * who has not changed since. What the merge also depends on besides the row (an import that reactivates, an
         * erased manager) keeps a row from being passed over instead (knownRows, and rows staged without a digest).
         */
        boolean lastImported(byte[] digest) {
            return known.contains(digest);
        }

        /** One more row of the file handled; the job shows it every ten batches. */
        void progress() {
            if (++rows % progressEvery == 0) {
                int done = rows;
                QuarkusTransaction.requiringNew().run(() -> em.find(ImportJob.class, jobId).processedRows = done);
            }
        }

        /** Stages a valid row, with the digest of its text in the file. */
        void add(EmployeeRecord employee, byte[] digest) {
            copyText(text, employee, languagesJson(employee.languages()));
            text.setLength(text.length() - 1);
            text.append("\t\\\\x").append(HexFormat.of().formatHex(digest)).append('\n');
            if (text.length() >= STAGING_CHUNK_CHARS) {
                send();
            }
        }

        private String languagesJson(List<String> tags) {
            if (tags == null) {
                return null;
            }
            String json = languages.get(tags);
            if (json == null) {
                json = json(tags);
                if (languages.size() < LANGUAGE_LISTS_KEPT) {
                    languages.put(tags, json);
                }
            }
            return json;
        }

        void finish() throws SQLException {
            open();
            send();
            copy.endCopy();
        }

        private void send() {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            text.setLength(0);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IllegalStateException("COPY into the staging table failed", e);
            }
        }

        /** Ends a COPY left open by a failure, so the connection goes back to its pool usable. */
        @Override
        public void close() throws SQLException {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * Whether an error is of a line that could not be read as a row (not JSON, not an object, too few fields) and whose
     * employee id could not be found either: a row read whole with a blank id names nobody, this one names someone.
     */
    private static boolean namesNobodyItCouldRead(ImportJob.RowError error) {
        return error.externalId() == null && error.field().isEmpty();
    }

    /**
     * For a full sync that terminates the missing: records every externalId the file names (valid or not) as seen,
     * so that it never terminates someone whose row merely had an error.
     */
    private static void stageSeen(Connection c, List<String> valid, List<ImportJob.RowError> errors) throws SQLException {
        StringBuilder seen = new StringBuilder();
        Set<String> ids = new HashSet<>(valid);
        errors.stream().map(ImportJob.RowError::externalId).filter(x -> x != null && !x.isBlank()).forEach(ids::add);
        ids.forEach(x -> CopyText.row(seen, x));
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY hris_import_seen FROM STDIN",
                    new StringReader(seen.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY of the names a full sync has seen failed", e);
        }
    }

    /** Profiles read, and events appended, per round: bounds the heap a large import needs. */
    private static final int EVENT_BATCH = 5000;

    /**
     * One event per changed profile, appended a batch at a time. Profiles are read with plain JDBC rather than as
     * managed entities (a full import changes every row, and tracking 100,000 entities costs more than the merge
     * itself); management chains come from one read of the whole reporting tree.
     */
    private void publish(Connection c, Set<UUID> created, Set<UUID> updated, Set<UUID> terminated)
            throws SQLException {
        if (created.isEmpty() && updated.isEmpty() && terminated.isEmpty()) {
            return;
        }
        Map<UUID, UUID> managerOf = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, manager_id FROM profile WHERE manager_id IS NOT NULL")) {
            while (rs.next()) {
                managerOf.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
            }
        }
        List<UUID> all = new ArrayList<>(created);
        all.addAll(updated);
        all.addAll(terminated);
        // One read of all the changed profiles, fetched a batch at a time from its cursor; each batch's events are
        // copied into the outbox before the next batch is fetched.
        try (PreparedStatement select = c.prepareStatement("SELECT id, external_id, email, display_name, job_title, "
                + "department, location, time_zone, languages, level, grade_label, manager_id, status, open_to_roles, "
                + "skills, goals, topics, capacity, availability, formats, open_to_requests, version, updated_at "
                + "FROM profile WHERE id = ANY (?)")) {
            select.setFetchSize(EVENT_BATCH);
            select.setArray(1, c.createArrayOf("uuid", all.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                List<Outbox.Event> batch = new ArrayList<>(EVENT_BATCH);
                while (rs.next()) {
                    Profile p = profile(rs);
                    List<UUID> chain = ManagementChains.walk(p.id, p.managerId, managerOf::get);
                    String type = created.contains(p.id) ? ProfileEvents.CREATED
                            : terminated.contains(p.id) ? ProfileEvents.DEACTIVATED : ProfileEvents.UPDATED;
                    batch.add(events.event(type, p, chain));
                    if (batch.size() == EVENT_BATCH) {
                        events.publishAll(batch);
                        batch.clear();
                    }
                }
                events.publishAll(batch);
            }
        }
    }

    private Profile profile(ResultSet rs) throws SQLException {
        Profile p = new Profile();
        p.id = rs.getObject("id", UUID.class);
        p.externalId = rs.getString("external_id");
        p.email = rs.getString("email");
        p.displayName = rs.getString("display_name");
        p.jobTitle = rs.getString("job_title");
        p.department = rs.getString("department");
        p.location = rs.getString("location");
        p.timeZone = rs.getString("time_zone");
        p.languages = list(rs.getString("languages"), STRINGS);
        p.level = rs.getObject("level", Integer.class);
        p.gradeLabel = rs.getString("grade_label");
        p.managerId = rs.getObject("manager_id", UUID.class);
        p.status = rs.getString("status");
        p.openToRoles = list(rs.getString("open_to_roles"), STRINGS);
        p.skills = list(rs.getString("skills"), SKILLS);
        p.goals = list(rs.getString("goals"), GOALS);
        p.topics = list(rs.getString("topics"), STRINGS);
        p.capacity = rs.getInt("capacity");
        p.availability = list(rs.getString("availability"), WINDOWS);
        p.formats = list(rs.getString("formats"), STRINGS);
        p.openToRequests = rs.getBoolean("open_to_requests");
        p.version = rs.getLong("version");
        p.updatedAt = rs.getTimestamp("updated_at").toInstant();
        return p;
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<SkillLevel>> SKILLS = new TypeReference<>() { };
    private static final TypeReference<List<LearningGoal>> GOALS = new TypeReference<>() { };
    private static final TypeReference<List<AvailabilityWindow>> WINDOWS = new TypeReference<>() { };

    private <T> List<T> list(String json, TypeReference<List<T>> type) {
        if (json == null || json.equals("[]")) {
            return new ArrayList<>();
        }
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable jsonb column", e);
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

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
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
