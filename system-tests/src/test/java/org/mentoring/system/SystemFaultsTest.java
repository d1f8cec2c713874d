package org.mentoring.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults with the real processes: the broker stopped during writes, the database taken away, services killed with
 * SIGKILL. After each, every acknowledged write reaches every consumer exactly once and the read models converge.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemFaultsTest extends AgainstTheSystem {

    @Test
    @Order(1)
    void everyWriteAcknowledgedWhileTheBrokerIsDownReachesTheConsumersAfterwards() {
        system.stopKafka();
        Map<UUID, Long> acknowledged = new HashMap<>();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int n = 0;
        try {
            while (System.nanoTime() < until) {
                Response created = api.createProfile("broker-down-" + n++);
                assertEquals(201, created.statusCode(), "writes keep working while Kafka is down: " + created.asString());
                if (n % 20 == 0) {
                    // So the load balancer keeps sending them requests: readiness does not follow the broker.
                    for (String service : MentoringSystem.SERVICES) {
                        assertEquals(200, api.readiness(service).statusCode(), service + " stays ready without Kafka");
                    }
                }
                acknowledged.put(UUID.fromString(created.path("id")), ((Number) created.path("version")).longValue());
                ChildProcess.sleep(250);
            }
        } finally {
            system.startKafka();
        }
        assertTrue(acknowledged.size() >= 50, "wrote " + acknowledged.size());
        long back = System.nanoTime();
        Until.passes(Duration.ofMinutes(2), () -> assertCandidatesAt(acknowledged));
        System.out.printf("broker down 30 s: %d writes acknowledged, all in matching %.1f s after the broker returned%n",
                acknowledged.size(), (System.nanoTime() - back) / 1e9);
        assertNoDeadLetters();
    }

    @Test
    @Order(2)
    void withoutItsDatabaseEveryServiceAnswers503AndIsNotReadyThenRecoversWithoutARestart() {
        system.cutDatabase();
        try {
            for (String service : MentoringSystem.SERVICES) {
                Until.passes(Duration.ofSeconds(60), () -> {
                    Response r = api.deadLetters(service);
                    assertEquals(503, r.statusCode(), service + ": " + r.asString());
                    assertTrue(r.contentType().startsWith("application/problem+json"), service + ": " + r.contentType());
                    assertEquals("urn:mentoring:problem:unavailable", r.path("type"));
                    assertTrue(r.header("Retry-After") != null, service + " sends Retry-After");
                });
                Until.passes(Duration.ofSeconds(60), () ->
                        assertEquals(503, api.readiness(service).statusCode(), service + " readiness is DOWN"));
            }
            Response refused = api.createProfile("while-database-down");
            assertEquals(503, refused.statusCode(), refused.asString());
        } finally {
            system.restoreDatabase();
        }
        long restored = System.nanoTime();
        for (String service : MentoringSystem.SERVICES) {
            Until.passes(Duration.ofSeconds(90), () -> {
                assertEquals(200, api.readiness(service).statusCode(), service + " ready again");
                assertEquals(200, api.deadLetters(service).statusCode(), service + " answers again");
            });
        }
        System.out.printf("database back: all four services ready and answering %.1f s later%n",
                (System.nanoTime() - restored) / 1e9);
        Response after = api.createProfile("after-database-back");
        assertEquals(201, after.statusCode(), after.asString());
        Map<UUID, Long> expected = Map.of(UUID.fromString(after.path("id")), ((Number) after.path("version")).longValue());
        Until.passes(Duration.ofMinutes(1), () -> assertCandidatesAt(expected));
        assertEquals(0, api.searchProfiles("while-database-down"), "a refused write left nothing behind");
    }

    @Test
    @Order(3)
    void servicesKilledWithSigkillDuringWritesLoseNothingAndApplyNothingTwice() throws Exception {
        Map<UUID, Long> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            int i = 0;
            while (writing.get()) {
                try {
                    Response created = api.createProfile("killed-" + i++);
                    if (created.statusCode() == 201) {
                        UUID id = UUID.fromString(created.path("id"));
                        acknowledged.put(id, ((Number) created.path("version")).longValue());
                        Response patched = api.patchJobTitle(id, "Engineer " + i);
                        if (patched.statusCode() == 200) {
                            acknowledged.merge(id, ((Number) patched.path("version")).longValue(), Math::max);
                        }
                    }
                } catch (RuntimeException e) {
                    // the profile service is being killed: an unanswered request is not acknowledged
                }
                ChildProcess.sleep(100);
            }
        }, "writer");
        writer.start();
        try {
            ChildProcess.sleep(3_000);
            system.kill("matching");
            ChildProcess.sleep(5_000);
            system.start("matching");
            ChildProcess.sleep(3_000);
            system.kill("profile");
            system.start("profile");
            ChildProcess.sleep(3_000);
        } finally {
            writing.set(false);
            writer.join();
        }
        assertTrue(acknowledged.size() >= 20, "wrote " + acknowledged.size());
        long stopped = System.nanoTime();
        Until.passes(Duration.ofMinutes(2), () -> {
            assertCandidatesAt(acknowledged);
            assertEveryProfileEventAppliedOnce();
        });
        System.out.printf("SIGKILL of matching then profile during writes: %d profiles acknowledged, read model converged"
                + " %.1f s after the writes stopped%n", acknowledged.size(), (System.nanoTime() - stopped) / 1e9);
        assertNoDeadLetters();
    }

    /** Matching's read model holds each profile at least at the acknowledged version, and at profile's own. */
    private static void assertCandidatesAt(Map<UUID, Long> acknowledged) {
        Map<UUID, Long> candidates = versions("SELECT profile_id, version FROM matching.candidate WHERE profile_id = ANY(?)",
                acknowledged.keySet());
        Map<UUID, Long> profiles = versions("SELECT id, version FROM profile.profile WHERE id = ANY(?)", acknowledged.keySet());
        for (Map.Entry<UUID, Long> e : acknowledged.entrySet()) {
            Long seen = candidates.get(e.getKey());
            assertTrue(seen != null, "profile " + e.getKey() + " reached matching");
            assertTrue(seen >= e.getValue(), "matching has " + e.getKey() + " at " + seen + ", acknowledged " + e.getValue());
            assertEquals(profiles.get(e.getKey()), seen, "matching converged on profile's version of " + e.getKey());
        }
    }

    /** Every event profile-service published was recorded exactly once in matching's inbox (its primary key). */
    private static void assertEveryProfileEventAppliedOnce() {
        Set<String> published = strings("SELECT id::text FROM profile.outbox WHERE topic = 'mentoring.profile.v1'");
        Set<String> applied = strings("SELECT event_id FROM matching.inbox WHERE topic = 'mentoring.profile.v1'");
        Set<String> missing = new HashSet<>(published);
        missing.removeAll(applied);
        assertEquals(Set.of(), missing, "events published by profile but not applied by matching");
    }

    private static void assertNoDeadLetters() {
        for (String service : MentoringSystem.SERVICES) {
            Set<String> dead = strings("SELECT id::text FROM " + service + ".dead_letter");
            assertEquals(Set.of(), dead, service + " has dead letters");
        }
    }

    private static Map<UUID, Long> versions(String sql, Set<UUID> ids) {
        Map<UUID, Long> out = new HashMap<>();
        try (Connection c = system.database().adminConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static Set<String> strings(String sql) {
        Set<String> out = new HashSet<>();
        try (Connection c = system.database().adminConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
