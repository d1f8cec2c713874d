package org.mentoring.feedback.kudos;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.mentoring.feedback.Cursor;
import org.mentoring.feedback.Sql;
import org.mentoring.feedback.config.FeedbackConfig;
import org.mentoring.feedback.events.FeedbackEvents;
import org.mentoring.feedback.report.Figure;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.ProblemType;

/** Kudos between colleagues and the recognition profile built from kudos, sessions and feedback. */
@ApplicationScoped
public class KudosService {

    @Inject
    Sql sql;

    @Inject
    FeedbackEvents events;

    @Inject
    FeedbackConfig config;

    Clock clock = Clock.systemUTC();

    @Transactional
    public Kudos give(UUID from, Kudos.New input) {
        if (from.equals(input.toProfileId())) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Kudos go to a colleague, not to oneself");
        }
        if (sql.count("SELECT count(*) FROM person WHERE profile_id = ? AND NOT erased AND status <> 'terminated'",
                input.toProfileId()) == 0) {
            throw ProblemException.notFound("Profile", input.toProfileId());
        }
        // Nor from someone who left, whose token may still be valid for a while.
        if (sql.count("SELECT count(*) FROM person WHERE profile_id = ? AND (erased OR status = 'terminated')", from) > 0) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Your profile is not active, so you cannot give kudos");
        }
        if (input.mentorshipId() != null && sql.count("SELECT count(DISTINCT profile_id) FROM mentorship_participant "
                + "WHERE mentorship_id = ? AND profile_id IN (?, ?)", input.mentorshipId(), from, input.toProfileId()) < 2) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "mentorshipId: kudos about a mentorship go between "
                    + "its participants", List.of(new org.mentoring.platform.web.Problem.FieldError("mentorshipId",
                    "is not a mentorship of both of you")));
        }
        List<String> skills = input.skills() == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(input.skills().stream().map(String::strip).toList()));
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Kudos kudos = sql.one("INSERT INTO kudos (id, from_profile_id, to_profile_id, message, skills, mentorship_id, "
                        + "given_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING " + Kudos.COLUMNS, Kudos::read,
                UUID.randomUUID(), from, input.toProfileId(), input.message().strip(), Sql.texts(skills),
                input.mentorshipId(), now).orElseThrow();
        events.kudosGiven(new FeedbackEvents.KudosData(kudos.id(), from, kudos.toProfileId(), skills,
                kudos.mentorshipId(), now));
        return kudos;
    }

    @Transactional
    public Kudos.Page list(UUID profileId, boolean received, String cursor, int size) {
        Cursor after = Cursor.decode(cursor);
        if (after == null) {
            after = Cursor.first();
        }
        String column = received ? "to_profile_id" : "from_profile_id";
        List<Kudos> rows = sql.list("SELECT " + Kudos.COLUMNS + " FROM kudos WHERE " + column + " = ? "
                        + "AND (given_at, id) < (?, ?) ORDER BY given_at DESC, id DESC LIMIT ?", Kudos::read,
                profileId, after.at(), after.id(), size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            Kudos last = rows.get(size - 1);
            next = new Cursor(last.givenAt(), last.id()).encode();
        }
        return new Kudos.Page(rows, next);
    }

    /** A kudos, to its giver and its recipient only. */
    @Transactional
    public Kudos get(UUID id, UUID profileId) {
        return sql.one("SELECT " + Kudos.COLUMNS + " FROM kudos WHERE id = ? AND ? IN (from_profile_id, to_profile_id)",
                Kudos::read, id, profileId).orElseThrow(() -> ProblemException.notFound("Kudos", id));
    }

    @Transactional
    public RecognitionProfile profile(UUID profileId, boolean self) {
        if (sql.count("SELECT count(*) FROM person WHERE profile_id = ? AND NOT erased", profileId) == 0) {
            throw ProblemException.notFound("Profile", profileId);
        }
        long kudos = sql.count("SELECT count(*) FROM kudos WHERE to_profile_id = ?", profileId);
        long sessions = sql.count("""
                SELECT count(*) FROM session s
                JOIN mentorship_participant p ON p.mentorship_id = s.mentorship_id AND p.profile_id = ? AND p.role = 'mentor'
                WHERE s.status = 'held'
                """, profileId);
        long mentees = sql.count("""
                SELECT count(DISTINCT other.profile_id) FROM mentorship_participant me
                JOIN mentorship m ON m.mentorship_id = me.mentorship_id AND m.started_at IS NOT NULL
                JOIN mentorship_participant other ON other.mentorship_id = me.mentorship_id AND other.role = 'mentee'
                WHERE me.profile_id = ? AND me.role = 'mentor' AND other.profile_id IS NOT NULL
                """, profileId);
        List<RecognitionProfile.EndorsedSkill> skills = sql.list("""
                SELECT skill, count(*) AS n FROM kudos, unnest(skills) AS skill WHERE to_profile_id = ?
                GROUP BY skill ORDER BY n DESC, skill
                """, rs -> new RecognitionProfile.EndorsedSkill(rs.getString("skill"), rs.getLong("n")), profileId);
        RecognitionProfile.Ratings ratings = self ? ratingsAbout(profileId) : null;
        return new RecognitionProfile(profileId, kudos, sessions, mentees, skills, ratings);
    }

    private RecognitionProfile.Ratings ratingsAbout(UUID profileId) {
        int min = config.minGroupSize();
        return sql.one("""
                SELECT avg(rating) AS r, count(rating) AS rn, avg(usefulness) AS u, count(usefulness) AS un,
                       avg(preparation) AS p, count(preparation) AS pn, avg(learned_something) AS l,
                       count(learned_something) AS ln
                FROM feedback_answer WHERE about_profile_id = ?
                """, rs -> new RecognitionProfile.Ratings(
                Figure.of(rs.getDouble("r"), rs.getInt("rn"), min), Figure.of(rs.getDouble("u"), rs.getInt("un"), min),
                Figure.of(rs.getDouble("p"), rs.getInt("pn"), min), Figure.of(rs.getDouble("l"), rs.getInt("ln"), min)),
                profileId).orElseThrow();
    }
}
