package org.mentoring.matching.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.MentoringTestResource;
import org.mentoring.platform.testing.TestTokens;
import org.postgresql.PGConnection;

/**
 * Recommendations at 100,000 candidates through REST under 16 concurrent clients, side by side with
 * {@code GET /v1/mentorships/{id}} in the same run (docs/benchmarks.md). Candidates are generated from a seed and
 * copied straight into the read model; tagged {@code benchmark}, so only run on purpose.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "matching"))
class RecommendationBenchmarkTest {

    private static final int CANDIDATES = Integer.getInteger("bench.candidates", 100_000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int SKILLS = 300;
    private static final String[] DEPARTMENTS = {"Engineering", "Sales", "Finance", "Legal", "Marketing", "Support",
            "Research", "Operations", "People", "Design", "Data", "Security"};
    private static final String[] LOCATIONS = {"Berlin", "Paris", "London", "Lisbon", "Warsaw", "New York", "Toronto",
            "Singapore"};
    private static final String[] ZONES = {"Europe/Berlin", "Europe/Paris", "Europe/London", "Europe/Lisbon",
            "Europe/Warsaw", "America/New_York", "America/Toronto", "Asia/Singapore"};

    @Inject
    DataSource dataSource;

    @Inject
    CandidateIndex index;

    @TestHTTPResource("/")
    URI base;

    record Phase(String name, int requests, int errors, double seconds, long[] latenciesMicros) {
        double percentile(double p) {
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1000.0;
        }

        double throughput() {
            return requests / seconds;
        }

        String line() {
            return String.format(Locale.ROOT, "%s: %d requests, %d errors, %.0f req/s, median %.1f ms, p99 %.1f ms",
                    name, requests, errors, throughput(), percentile(0.5), percentile(0.99));
        }
    }

    @Test
    void recommendationsAtOneHundredThousandCandidatesBesideAPlainRead() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Random random = new Random(42);
        List<UUID> ids = new ArrayList<>(CANDIDATES);
        long loadStart = System.nanoTime();
        StringBuilder csv = new StringBuilder(CANDIDATES * 400);
        for (int i = 0; i < CANDIDATES; i++) {
            UUID id = new UUID(42L, i + ((long) run.hashCode() << 32));
            ids.add(id);
            csv.append(row(random, id, i, ids, run)).append('\n');
        }
        try (Connection c = dataSource.getConnection()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY matching.candidate (profile_id, email, display_name, department, location, time_zone, languages,
                        level, management_chain, status, open_to_roles, skills, goals, capacity, open_to_requests, version)
                    FROM STDIN (FORMAT csv)""", new StringReader(csv.toString()));
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        // Mentorships to read: 2,000 pending requests between generated people.
        List<UUID> mentorships = new ArrayList<>();
        List<String> readers = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             var ps = c.prepareStatement("""
                     INSERT INTO matching.mentorship (id, kind, origin, mentor_id, mentee_id, status, message,
                         requested_at, expires_at, version, created_at, updated_at)
                     VALUES (?, 'classic', 'informal', ?, ?, 'pending', 'hello', now(), now() + interval '14 days', 1,
                         now(), now())""")) {
            for (int i = 0; i < 2000; i++) {
                UUID id = UUID.randomUUID();
                int mentee = 2 * i;
                ps.setObject(1, id);
                ps.setObject(2, ids.get(2 * i + 1));
                ps.setObject(3, ids.get(mentee));
                ps.addBatch();
                mentorships.add(id);
                readers.add(TestTokens.bearer("bench-" + mentee, email(run, mentee), "employee"));
            }
            ps.executeBatch();
        }
        List<String> askers = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            askers.add(TestTokens.bearer("bench-" + (4000 + i), email(run, 4000 + i), "employee"));
        }

        index.expire();
        long indexStart = System.nanoTime();
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(CLIENTS)).build();
        assertEquals(200, send(http, "/v1/recommendations?kind=mentor&limit=10", askers.get(0)).statusCode());
        double indexSeconds = (System.nanoTime() - indexStart) / 1e9;
        assertTrue(index.current().byId().size() >= CANDIDATES, "every candidate is indexed");

        // Warm-up of both paths, then the two measured phases, one after the other, same service and data.
        measure(http, "warm-up", 10, i -> "/v1/recommendations?kind=mentor&limit=10", askers);
        measure(http, "warm-up", 5, i -> "/v1/mentorships/" + mentorships.get(i % mentorships.size()), readers);
        Phase recommend = measure(http, "GET /v1/recommendations", SECONDS,
                i -> "/v1/recommendations?kind=" + (i % 5 == 4 ? "peer" : "mentor") + "&limit=10", askers);
        Phase read = measure(http, "GET /v1/mentorships/{id}", SECONDS,
                i -> "/v1/mentorships/" + mentorships.get(i % mentorships.size()), readers);

        System.out.printf(Locale.ROOT, "BENCH recommendations: %d candidates copied in %.1f s, index built by the first"
                + " request in %.1f s, %d clients, %d s per phase%n", CANDIDATES, loadSeconds, indexSeconds, CLIENTS,
                SECONDS);
        System.out.println("BENCH " + recommend.line());
        System.out.println("BENCH " + read.line());
        System.out.printf(Locale.ROOT, "BENCH ratio recommendations / plain read: p99 %.1fx, median %.1fx, "
                + "throughput %.1fx lower%n", recommend.percentile(0.99) / read.percentile(0.99),
                recommend.percentile(0.5) / read.percentile(0.5), read.throughput() / recommend.throughput());
        assertEquals(0, recommend.errors());
        assertEquals(0, read.errors());

        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM matching.mentorship WHERE message = 'hello' AND mentee_id IN "
                    + "(SELECT profile_id FROM matching.candidate WHERE email LIKE 'bench-" + run + "-%')");
            s.executeUpdate("DELETE FROM matching.candidate WHERE email LIKE 'bench-" + run + "-%'");
        }
    }

    private Phase measure(HttpClient http, String name, int seconds, java.util.function.IntFunction<String> path,
                          List<String> tokens) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger counter = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<Future<List<Long>>> clients = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < CLIENTS; t++) {
            clients.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                    int i = counter.getAndIncrement();
                    long t0 = System.nanoTime();
                    int status = send(http, path.apply(i), tokens.get(i % tokens.size())).statusCode();
                    latencies.add((System.nanoTime() - t0) / 1000);
                    if (status != 200) {
                        errors.incrementAndGet();
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : clients) {
            all.addAll(f.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Phase(name, all.size(), errors.get(), elapsed, all.stream().mapToLong(Long::longValue).toArray());
    }

    private HttpResponse<String> send(HttpClient http, String path, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", bearer).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String email(String run, int i) {
        return "bench-" + run + "-" + i + "@example.com";
    }

    /** One generated person: 3-6 skills of 300 (popular ones more often), 1-3 goals, a manager among earlier people. */
    private static String row(Random r, UUID id, int i, List<UUID> earlier, String run) {
        int level = 1 + r.nextInt(8);
        StringBuilder skills = new StringBuilder("[");
        int skillCount = 3 + r.nextInt(4);
        for (int k = 0; k < skillCount; k++) {
            skills.append(k == 0 ? "" : ",").append("{\"\"skill\"\":\"\"Skill ").append(skill(r))
                    .append("\"\",\"\"proficiency\"\":").append(1 + r.nextInt(5)).append('}');
        }
        skills.append(']');
        StringBuilder goals = new StringBuilder("[");
        int goalCount = 1 + r.nextInt(3);
        for (int k = 0; k < goalCount; k++) {
            goals.append(k == 0 ? "" : ",").append("{\"\"skill\"\":\"\"Skill ").append(skill(r))
                    .append("\"\",\"\"targetLevel\"\":").append(2 + r.nextInt(4)).append(",\"\"priority\"\":")
                    .append(k + 1).append('}');
        }
        goals.append(']');
        StringBuilder chain = new StringBuilder("{");
        if (i > 100) {
            int depth = 1 + r.nextInt(3);
            int at = i;
            for (int d = 0; d < depth && at > 0; d++) {
                at = r.nextInt(at);
                chain.append(d == 0 ? "" : ",").append(earlier.get(at));
            }
        }
        chain.append('}');
        int place = r.nextInt(LOCATIONS.length);
        String languages = r.nextInt(10) < 8 ? "{en}" : r.nextBoolean() ? "{en,de}" : "{fr,en}";
        return String.join(",", id.toString(), email(run, i), "Person " + i, DEPARTMENTS[r.nextInt(DEPARTMENTS.length)],
                LOCATIONS[place], ZONES[place], "\"" + languages + "\"", String.valueOf(level), "\"" + chain + "\"", "active",
                r.nextInt(4) == 0 ? "{mentee}" : "\"{mentor,mentee,peer}\"", "\"" + skills + "\"", "\"" + goals + "\"",
                String.valueOf(1 + r.nextInt(3)), "true", "1");
    }

    /** Skewed towards the first skills, as real skill popularity is. */
    private static int skill(Random r) {
        double u = r.nextDouble();
        return (int) (SKILLS * u * u);
    }
}
