package org.mentoring.matching.recommend;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.mentoring.matching.engine.Goal;
import org.mentoring.matching.engine.Person;
import org.mentoring.matching.engine.Weights;

/**
 * The candidate read model in memory, with an index skill -> people who have it (most proficient first), so a
 * recommendation scores a shortlist instead of everyone. Refreshed incrementally: at most every
 * {@value #CHECK_EVERY_MS} ms one request reads the change counter ({@code candidate_generation}, one row) and, if
 * it moved, loads the rows applied since the last load (with a safety margin) and swaps in a new snapshot; other
 * requests keep using the current snapshot meanwhile. Rebuilding the skill index is O(N x skills per person).
 */
@ApplicationScoped
public class CandidateIndex {

    static final long CHECK_EVERY_MS = 500;
    /** Rows whose transaction began before the last load but committed after it are caught by re-reading this much. */
    private static final long MARGIN_SECONDS = 60;
    private static final String COLUMNS = """
            SELECT profile_id, display_name, job_title, department, location, time_zone, languages, level,
                management_chain, status, open_to_roles, skills, goals, capacity, open_to_requests, erased, quality,
                rating_count, applied_at FROM matching.candidate""";

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Snapshot snapshot;
    private volatile long checkedAt;

    /** The people and the skill index at one point in time; never changed once published. */
    record Snapshot(long generation, Instant loadedUpTo, Map<UUID, Candidate> byId, Map<String, Candidate[]> bySkill) {

        Optional<Candidate> get(UUID id) {
            return Optional.ofNullable(byId.get(id));
        }
    }

    /** The current snapshot, refreshed first when it is due and nobody else is refreshing. */
    public Snapshot current() {
        Snapshot s = snapshot;
        long now = System.currentTimeMillis();
        if (s == null) {
            refreshing.lock();
            try {
                if (snapshot == null) {
                    snapshot = load(null);
                    checkedAt = now;
                }
                return snapshot;
            } finally {
                refreshing.unlock();
            }
        }
        if (now - checkedAt >= CHECK_EVERY_MS && refreshing.tryLock()) {
            try {
                checkedAt = now;
                if (generation() != snapshot.generation()) {
                    snapshot = load(snapshot);
                }
            } finally {
                refreshing.unlock();
            }
        }
        return snapshot;
    }

    /** Forces the next {@link #current()} to check for changes (tests, and after a bulk load). */
    public void expire() {
        checkedAt = 0;
    }

    private long generation() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT generation FROM matching.candidate_generation");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the candidate generation", e);
        }
    }

    private Snapshot load(Snapshot previous) {
        long generation = generation();
        Map<UUID, Candidate> byId = previous == null ? new HashMap<>() : new HashMap<>(previous.byId());
        Instant upTo = previous == null ? Instant.EPOCH : previous.loadedUpTo();
        String sql = previous == null ? COLUMNS : COLUMNS + " WHERE applied_at >= ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(5000);
            if (previous != null) {
                ps.setTimestamp(1, Timestamp.from(previous.loadedUpTo().minusSeconds(MARGIN_SECONDS)));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    Instant applied = rs.getTimestamp(19).toInstant();
                    if (applied.isAfter(upTo)) {
                        upTo = applied;
                    }
                    boolean gone = rs.getBoolean(16) || !"active".equals(rs.getString(10));
                    if (gone) {
                        byId.remove(id);
                    } else {
                        byId.put(id, candidate(rs, id));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load candidates", e);
        }
        return new Snapshot(generation, upTo, byId, skillIndex(byId));
    }

    private static Map<String, Candidate[]> skillIndex(Map<UUID, Candidate> byId) {
        Map<String, List<Candidate>> lists = new HashMap<>();
        for (Candidate c : byId.values()) {
            for (String skill : c.person().skills().keySet()) {
                lists.computeIfAbsent(skill, k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, Candidate[]> index = new HashMap<>(lists.size() * 2);
        lists.forEach((skill, list) -> {
            Candidate[] array = list.toArray(Candidate[]::new);
            Arrays.sort(array, Comparator.comparingInt((Candidate c) -> -c.person().skills().get(skill))
                    .thenComparing(Candidate::id));
            index.put(skill, array);
        });
        return index;
    }

    private Candidate candidate(ResultSet rs, UUID id) throws SQLException {
        Map<String, Integer> skills = new LinkedHashMap<>();
        for (SkillRow s : read(rs.getString(12), new TypeReference<List<SkillRow>>() { })) {
            if (s.skill() != null && s.proficiency() != null) {
                skills.merge(s.skill(), s.proficiency(), Math::max);
            }
        }
        List<Goal> goals = new ArrayList<>();
        for (GoalRow g : read(rs.getString(13), new TypeReference<List<GoalRow>>() { })) {
            if (g.skill() != null && goals.stream().noneMatch(x -> x.skill().equals(g.skill()))) {
                goals.add(new Goal(g.skill(), enginePriority(g.priority()), clamp(g.targetLevel(), 3)));
            }
        }
        Set<String> languages = Set.of(strings(rs.getArray(7)));
        int level = rs.getObject(8) == null ? Person.UNKNOWN_LEVEL : rs.getInt(8);
        int capacity = rs.getInt(14);
        Double quality = (Double) rs.getObject(17);
        int ratingCount = rs.getInt(18);
        Person person = new Person(id.toString(), level, rs.getString(4), rs.getString(5), zone(rs.getString(6)),
                languages, skills, goals, List.of(), Math.max(0, capacity), 0, quality == null ? 0 : ratingCount,
                ratingSum(quality, ratingCount));
        List<UUID> chain = Arrays.stream((Object[]) rs.getArray(9).getArray()).map(o -> (UUID) o).toList();
        return new Candidate(id, person, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                languages, Set.of(strings(rs.getArray(11))), chain, Boolean.TRUE.equals(rs.getObject(15)), quality,
                ratingCount);
    }

    /**
     * The engine damps ratings itself from a count and a sum; feedback-service already sends the damped value, so
     * the sum is chosen that makes the engine's damped rating equal to it exactly (same prior as feedback-service's
     * default: 5 ratings of 3.5).
     */
    static double ratingSum(Double quality, int count) {
        if (quality == null) {
            return 0;
        }
        Weights w = Weights.DEFAULTS;
        return quality * (w.qualityPriorWeight() + count) - w.qualityPriorMean() * w.qualityPriorWeight();
    }

    /** Profiles rank goals 1 (most important) to 5; the engine weighs them 3 (highest) to 1. */
    static int enginePriority(Integer profilePriority) {
        if (profilePriority == null) {
            return 2;
        }
        return profilePriority <= 2 ? 3 : profilePriority == 3 ? 2 : 1;
    }

    private static int clamp(Integer value, int otherwise) {
        return value == null ? otherwise : Math.max(1, Math.min(5, value));
    }

    private static ZoneId zone(String id) {
        try {
            return id == null ? ZoneOffset.UTC : ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0]
                : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).distinct().toArray(String[]::new);
    }

    private <T> List<T> read(String value, TypeReference<List<T>> type) {
        try {
            return value == null ? List.of() : json.readerFor(type)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(value);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    record SkillRow(String skill, Integer proficiency) {
    }

    record GoalRow(String skill, Integer targetLevel, Integer priority) {
    }
}
