package org.mentoring.local;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads the demo organisation into a running local stack the way a customer's systems would: the people through
 * an HRIS integration's bulk import, then each person's mentoring preferences through {@code PATCH /v1/me} with
 * their own token. Safe to run again: the import upserts by employee id and the patches set the same values.
 */
final class DemoSeed {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INTEGRATION_NAME = "demo-hris";
    private static final int PATCH_THREADS = 8;
    private static final int PROGRESS_EVERY = 10_000;

    private final DemoHttp http = new DemoHttp();
    private final String profileUrl;
    private final Tokens tokens;

    interface Tokens {
        String token(String email, Set<String> roles);
    }

    DemoSeed(String profileUrl, Tokens tokens) {
        this.profileUrl = profileUrl;
        this.tokens = tokens;
    }

    /** The organisation as loaded: its people, their profile ids by email, and a demo employee with goals to show. */
    record Seeded(List<DemoOrganisation.Person> people, Map<String, String> profileIds, String demoEmail) {
    }

    Seeded run(int size, long seed) throws IOException, InterruptedException {
        List<DemoOrganisation.Person> people = DemoOrganisation.generate(size, seed);
        String admin = tokens.token("hr.admin@mentoring.local", Set.of("hr-admin"));
        String integration = integrationId(admin);
        importPeople(admin, integration, DemoOrganisation.csv(people));
        long started = System.nanoTime();
        Map<String, String> ids = setAllPreferences(people);
        System.out.printf("demo data: %d people imported through HRIS integration %s, %d preference profiles set "
                + "(%.0f s)%n", people.size(), INTEGRATION_NAME, ids.size(), (System.nanoTime() - started) / 1e9);
        String demo = people.stream()
                .filter(p -> p.department().equals("Engineering") && p.openToRoles().contains("mentee")
                        && p.goals().size() >= 2)
                .findFirst().orElse(people.get(people.size() - 1)).email();
        return new Seeded(people, ids, demo);
    }

    private String integrationId(String admin) throws IOException, InterruptedException {
        JsonNode list = send("GET", "/v1/hris/integrations", admin, null, null, null, 200);
        for (JsonNode integration : list) {
            if (INTEGRATION_NAME.equals(integration.path("name").asText())) {
                return integration.path("id").asText();
            }
        }
        String body = JSON.writeValueAsString(Map.of("name", INTEGRATION_NAME, "fieldMapping", "standard"));
        return send("POST", "/v1/hris/integrations", admin, "application/json", body, null, 201).path("id").asText();
    }

    private void importPeople(String admin, String integration, String csv) throws IOException, InterruptedException {
        JsonNode job = send("POST", "/v1/hris/" + integration + "/imports", admin, "text/csv", csv, null, 202);
        String id = job.path("id").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode state = send("GET", "/v1/hris/" + integration + "/imports/" + id, admin, null, null, null, 200);
            String status = state.path("status").asText();
            if (status.equals("completed")) {
                return;
            }
            if (status.equals("failed")) {
                throw new IOException("demo import failed: " + state);
            }
            Thread.sleep(250);
        }
        throw new IOException("demo import did not complete in 5 minutes");
    }

    /**
     * Every person sets their preferences, several at a time as independent people would: a large organisation
     * (100,000 people) is seeded in minutes instead of the better part of an hour one by one. Returns profile ids by
     * email.
     */
    private Map<String, String> setAllPreferences(List<DemoOrganisation.Person> people)
            throws IOException, InterruptedException {
        Map<String, String> ids = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(PATCH_THREADS);
        try {
            List<Future<?>> patches = new ArrayList<>(people.size());
            for (DemoOrganisation.Person person : people) {
                patches.add(pool.submit(() -> {
                    ids.put(person.email(), setPreferences(person));
                    if (done.incrementAndGet() % PROGRESS_EVERY == 0) {
                        System.out.printf("demo data: %d of %d preference profiles set%n", done.get(), people.size());
                    }
                    return null;
                }));
            }
            for (Future<?> patch : patches) {
                patch.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return ids;
    }

    /** Sets the person's mentoring preferences as themself and returns their profile id. */
    private String setPreferences(DemoOrganisation.Person person) throws IOException, InterruptedException {
        String token = tokens.token(person.email(), Set.of("employee"));
        HttpResponse<String> me = exchange("GET", "/v1/me", token, null, null, null);
        if (me.statusCode() != 200) {
            throw new IOException("GET /v1/me for " + person.email() + " answered " + me.statusCode() + ": " + me.body());
        }
        String etag = me.headers().firstValue("ETag").orElseThrow(() -> new IOException("no ETag on /v1/me"));
        List<Map<String, Object>> skills = new ArrayList<>();
        for (String[] s : person.skills()) {
            skills.add(Map.of("skill", s[0], "proficiency", Integer.parseInt(s[1])));
        }
        List<Map<String, Object>> goals = new ArrayList<>();
        for (String[] g : person.goals()) {
            goals.add(Map.of("skill", g[0], "targetLevel", Integer.parseInt(g[1]), "priority", Integer.parseInt(g[2])));
        }
        Map<String, Object> patch = Map.of(
                "bio", person.bio(),
                "openToRoles", person.openToRoles(),
                "skills", skills,
                "goals", goals,
                "topics", person.topics(),
                "capacity", person.capacity(),
                "openToRequests", person.openToRoles().contains("mentor"),
                "formats", List.of("video", "chat"),
                "availability", List.of(Map.of("day", "TUE", "start", "10:00", "end", "12:00"),
                        Map.of("day", "THU", "start", "14:00", "end", "16:00")));
        return send("PATCH", "/v1/me", token, "application/merge-patch+json", JSON.writeValueAsString(patch), etag, 200)
                .path("id").asText();
    }

    private JsonNode send(String method, String path, String token, String contentType, String body, String ifMatch,
                          int expected) throws IOException, InterruptedException {
        return http.send(method, profileUrl + path, token, contentType, body, ifMatch, expected);
    }

    private HttpResponse<String> exchange(String method, String path, String token, String contentType, String body,
                                          String ifMatch) throws IOException, InterruptedException {
        return http.exchange(method, profileUrl + path, token, contentType, body, ifMatch);
    }

    /** The size and seed the organisation was generated from, so a load run can regenerate the same people. */
    record Population(int people, long seed) {

        private static final String FILE = "demo-population";

        void write(Path dataDir) throws IOException {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve(FILE), people + " " + seed + "\n");
        }

        static java.util.Optional<Population> read(Path dataDir) throws IOException {
            Path file = dataDir.resolve(FILE);
            if (!Files.exists(file)) {
                return java.util.Optional.empty();
            }
            String[] fields = Files.readString(file).trim().split("\\s+");
            return java.util.Optional.of(new Population(Integer.parseInt(fields[0]), Long.parseLong(fields[1])));
        }
    }

    static void writeDemoUser(Path dataDir, String email) throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("demo-user"), email + "\n");
    }
}
