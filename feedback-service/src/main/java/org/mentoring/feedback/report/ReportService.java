package org.mentoring.feedback.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.mentoring.feedback.Sql;
import org.mentoring.feedback.config.FeedbackConfig;
import org.mentoring.feedback.identity.CurrentPerson;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.ProblemException;

/**
 * Builds programme and personal reports from the read models and the answers. Every figure goes through
 * {@link Figure}, which suppresses it under the minimum group size.
 */
@ApplicationScoped
public class ReportService {

    static final String UNKNOWN = "unknown";

    @Inject
    Sql sql;

    @Inject
    FeedbackConfig config;

    Clock clock = Clock.systemUTC();

    record Participant(UUID mentorshipId, String status, Instant startedAt, Instant endedAt, UUID profileId) {
    }

    record Rated(UUID authorId, int rating, Integer usefulness, Integer preparation, Integer learnedSomething,
                 Integer goalProgress, Integer nps) {
    }

    record Person(String department, String level, String location) {
    }

    @Transactional
    public ProgramReport program(UUID programId, CurrentPerson caller) {
        String name = visibleProgram(programId, caller);
        int min = config.minGroupSize();
        Instant now = clock.instant();

        Set<UUID> enrolled = new HashSet<>(sql.list("SELECT DISTINCT profile_id FROM enrolment WHERE program_id = ? "
                + "AND enrolled AND profile_id IS NOT NULL", rs -> Sql.uuid(rs, "profile_id"), programId));
        List<Participant> participants = sql.list("""
                SELECT m.mentorship_id, m.status, m.started_at, m.ended_at, p.profile_id
                FROM mentorship m JOIN mentorship_participant p ON p.mentorship_id = m.mentorship_id
                WHERE m.program_id = ? AND m.started_at IS NOT NULL
                """, rs -> new Participant(Sql.uuid(rs, "mentorship_id"), rs.getString("status"),
                rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("ended_at") == null ? null : rs.getTimestamp("ended_at").toInstant(),
                Sql.uuid(rs, "profile_id")), programId);
        long matched = people(participants, p -> true);
        long active = people(participants, p -> "active".equals(p.status()) || "paused".equals(p.status()));
        long completed = people(participants, p -> "completed".equals(p.status()));
        long stayed = people(participants, p -> List.of("active", "paused", "completed").contains(p.status()));

        Map<UUID, Instant> started = new HashMap<>();
        Map<UUID, Instant> ended = new HashMap<>();
        participants.forEach(p -> {
            started.put(p.mentorshipId(), p.startedAt());
            if (p.endedAt() != null) {
                ended.put(p.mentorshipId(), p.endedAt());
            }
        });
        Map<UUID, List<Instant>> held = new HashMap<>();
        sql.list("""
                SELECT s.mentorship_id, s.starts_at FROM session s JOIN mentorship m ON m.mentorship_id = s.mentorship_id
                WHERE m.program_id = ? AND m.started_at IS NOT NULL AND s.status = 'held'
                """, rs -> Map.entry(Sql.uuid(rs, "mentorship_id"), rs.getTimestamp("starts_at").toInstant()), programId)
                .forEach(e -> held.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        List<Double> daysToFirst = new ArrayList<>();
        List<Double> perMonth = new ArrayList<>();
        started.forEach((mentorship, from) -> {
            List<Instant> sessions = held.getOrDefault(mentorship, List.of());
            sessions.stream().min(Instant::compareTo).ifPresent(first ->
                    daysToFirst.add(Math.max(0, Duration.between(from, first).toSeconds()) / 86_400.0));
            perMonth.add(sessions.size() / ReportMath.months(from, ended.getOrDefault(mentorship, now)));
        });

        List<Rated> answers = sql.list("""
                SELECT author_id, rating, usefulness, preparation, learned_something, goal_progress, nps
                FROM feedback_answer WHERE program_id = ?
                """, rs -> new Rated(Sql.uuid(rs, "author_id"), rs.getInt("rating"), Sql.integer(rs, "usefulness"),
                Sql.integer(rs, "preparation"), Sql.integer(rs, "learned_something"),
                Sql.integer(rs, "goal_progress"), Sql.integer(rs, "nps")), programId);

        long goals = sql.count("""
                SELECT count(*) FROM goal g LEFT JOIN mentorship m ON m.mentorship_id = g.mentorship_id
                WHERE coalesce(g.program_id, m.program_id) = ?
                """, programId);
        long achieved = sql.count("""
                SELECT count(*) FROM goal g LEFT JOIN mentorship m ON m.mentorship_id = g.mentorship_id
                WHERE coalesce(g.program_id, m.program_id) = ? AND g.status = 'achieved'
                """, programId);

        Set<UUID> everyone = new HashSet<>(enrolled);
        participants.stream().map(Participant::profileId).filter(java.util.Objects::nonNull).forEach(everyone::add);
        Map<UUID, Person> people = peopleOf(everyone);

        ProgramReport report = new ProgramReport(programId, name, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS), min, 0, note(min),
                new ProgramReport.Participation(Figure.count(enrolled.size(), min), Figure.count(matched, min),
                        Figure.count(active, min), Figure.count(completed, min)),
                Figure.of(ReportMath.median(daysToFirst), daysToFirst.size(), min),
                Figure.of(ReportMath.mean(perMonth), perMonth.size(), min),
                ratings(answers, min),
                npsOf(answers, min),
                Figure.of(ReportMath.percentage(achieved, goals), (int) goals, min),
                Figure.of(ReportMath.percentage(stayed, matched), (int) matched, min),
                breakdown(everyone, people, answers, Person::department, min),
                breakdown(everyone, people, answers, Person::level, min),
                breakdown(everyone, people, answers, Person::location, min));
        return withSuppressedCount(report);
    }

    @Transactional
    public PersonalReport personal(UUID profileId) {
        int min = config.minGroupSize();
        long asMentor = sql.count("""
                SELECT count(*) FROM mentorship_participant p JOIN mentorship m ON m.mentorship_id = p.mentorship_id
                WHERE p.profile_id = ? AND p.role = 'mentor' AND m.started_at IS NOT NULL
                """, profileId);
        long asMentee = sql.count("""
                SELECT count(*) FROM mentorship_participant p JOIN mentorship m ON m.mentorship_id = p.mentorship_id
                WHERE p.profile_id = ? AND p.role = 'mentee' AND m.started_at IS NOT NULL
                """, profileId);
        long sessions = sql.count("SELECT count(*) FROM session WHERE ? = ANY(participant_ids) AND status = 'held'",
                profileId);
        long answersGiven = sql.count("SELECT count(*) FROM feedback_answer WHERE author_id = ?", profileId);
        long kudosReceived = sql.count("SELECT count(*) FROM kudos WHERE to_profile_id = ?", profileId);
        long kudosGiven = sql.count("SELECT count(*) FROM kudos WHERE from_profile_id = ?", profileId);
        List<Rated> about = sql.list("""
                SELECT author_id, rating, usefulness, preparation, learned_something, goal_progress, nps
                FROM feedback_answer WHERE about_profile_id = ?
                """, rs -> new Rated(Sql.uuid(rs, "author_id"), rs.getInt("rating"), Sql.integer(rs, "usefulness"),
                Sql.integer(rs, "preparation"), Sql.integer(rs, "learned_something"),
                Sql.integer(rs, "goal_progress"), Sql.integer(rs, "nps")), profileId);
        ProgramReport.Ratings ratings = ratings(about, min);
        Figure nps = npsOf(about, min);
        int suppressed = (int) java.util.stream.Stream.of(ratings.rating(), ratings.usefulness(), ratings.preparation(),
                ratings.learnedSomething(), ratings.goalProgress(), nps).filter(Figure::suppressed).count();
        return new PersonalReport(profileId, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS), min, suppressed, note(min), asMentor, asMentee, sessions,
                answersGiven, kudosReceived, kudosGiven, ratings, nps);
    }

    /** The programme's name, if the caller may see its report: HR, or a programme admin who runs it. */
    private String visibleProgram(UUID programId, CurrentPerson caller) {
        String name = sql.one("SELECT name FROM program WHERE program_id = ?", rs -> rs.getString("name"), programId)
                .orElseThrow(() -> ProblemException.notFound("Programme", programId));
        if (caller.hasRole(Caller.HR_ADMIN)) {
            return name;
        }
        UUID me = caller.profileId().orElse(null);
        if (me == null || !caller.hasRole(Caller.PROGRAM_ADMIN) || sql.count(
                "SELECT count(*) FROM program WHERE program_id = ? AND ? = ANY(admin_ids)", programId, me) == 0) {
            throw ProblemException.notFound("Programme", programId);
        }
        return name;
    }

    private static long people(List<Participant> participants, java.util.function.Predicate<Participant> which) {
        Set<UUID> known = new HashSet<>();
        long anonymous = 0;
        for (Participant p : participants) {
            if (which.test(p)) {
                if (p.profileId() == null) {
                    anonymous++;
                } else {
                    known.add(p.profileId());
                }
            }
        }
        return known.size() + anonymous;
    }

    private static ProgramReport.Ratings ratings(List<Rated> answers, int min) {
        return new ProgramReport.Ratings(average(answers, Rated::rating, min), average(answers, Rated::usefulness, min),
                average(answers, Rated::preparation, min), average(answers, Rated::learnedSomething, min),
                average(answers, Rated::goalProgress, min));
    }

    private static Figure average(List<Rated> answers, Function<Rated, Integer> dimension, int min) {
        List<Integer> values = answers.stream().map(dimension).filter(java.util.Objects::nonNull).toList();
        return Figure.of(ReportMath.mean(values), values.size(), min);
    }

    private static Figure npsOf(List<Rated> answers, int min) {
        List<Integer> scores = answers.stream().map(Rated::nps).filter(java.util.Objects::nonNull).toList();
        return Figure.of(ReportMath.netPromoterScore(scores), scores.size(), min);
    }

    private static List<ProgramReport.Breakdown> breakdown(Set<UUID> everyone, Map<UUID, Person> people,
                                                           List<Rated> answers, Function<Person, String> by, int min) {
        Map<String, Long> members = new TreeMap<>();
        for (UUID id : everyone) {
            members.merge(groupOf(people.get(id), by), 1L, Long::sum);
        }
        Map<String, List<Integer>> ratings = new TreeMap<>();
        for (Rated a : answers) {
            String group = a.authorId() == null ? UNKNOWN : groupOf(people.get(a.authorId()), by);
            ratings.computeIfAbsent(group, k -> new ArrayList<>()).add(a.rating());
        }
        Set<String> groups = new java.util.TreeSet<>(members.keySet());
        groups.addAll(ratings.keySet());
        List<ProgramReport.Breakdown> out = new ArrayList<>();
        for (String group : groups) {
            List<Integer> r = ratings.getOrDefault(group, List.of());
            out.add(new ProgramReport.Breakdown(group, Figure.count(members.getOrDefault(group, 0L), min),
                    Figure.count(r.size(), min), Figure.of(ReportMath.mean(r), r.size(), min)));
        }
        return out;
    }

    private static String groupOf(Person person, Function<Person, String> by) {
        String value = person == null ? null : by.apply(person);
        return value == null || value.isBlank() ? UNKNOWN : value;
    }

    private Map<UUID, Person> peopleOf(Set<UUID> ids) {
        Map<UUID, Person> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        sql.list("SELECT profile_id, department, level, location FROM person WHERE profile_id = ANY(?)",
                rs -> Map.entry(Sql.uuid(rs, "profile_id"), new Person(rs.getString("department"),
                        Sql.integer(rs, "level") == null ? null : String.valueOf(rs.getInt("level")),
                        rs.getString("location"))), Sql.uuids(ids))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String note(int min) {
        return "Figures drawn from fewer than " + min + " answers or people are suppressed: value and basis are "
                + "null and suppressed is true.";
    }

    private static ProgramReport withSuppressedCount(ProgramReport r) {
        List<Figure> all = new ArrayList<>(List.of(r.participation().enrolled(), r.participation().matched(),
                r.participation().active(), r.participation().completed(), r.medianDaysFromMatchToFirstSession(),
                r.sessionsPerPairPerMonth(), r.averageRatings().rating(), r.averageRatings().usefulness(),
                r.averageRatings().preparation(), r.averageRatings().learnedSomething(),
                r.averageRatings().goalProgress(), r.netPromoterScore(), r.goalCompletionRate(),
                r.participantsStillActiveAtEndPercent()));
        for (List<ProgramReport.Breakdown> groups : List.of(r.byDepartment(), r.byLevel(), r.byLocation())) {
            groups.forEach(b -> all.addAll(List.of(b.participants(), b.answers(), b.averageRating())));
        }
        int suppressed = (int) all.stream().filter(Figure::suppressed).count();
        return new ProgramReport(r.programId(), r.programName(), r.generatedAt(), r.minimumGroupSize(), suppressed,
                r.note(), r.participation(), r.medianDaysFromMatchToFirstSession(), r.sessionsPerPairPerMonth(),
                r.averageRatings(), r.netPromoterScore(), r.goalCompletionRate(),
                r.participantsStillActiveAtEndPercent(), r.byDepartment(), r.byLevel(), r.byLocation());
    }
}
