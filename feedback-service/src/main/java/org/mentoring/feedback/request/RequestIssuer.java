package org.mentoring.feedback.request;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.feedback.Sql;
import org.mentoring.feedback.config.FeedbackConfig;
import org.mentoring.feedback.events.FeedbackEvents;

/**
 * Creates, closes and expires feedback requests, always in the caller's transaction and with the matching event.
 * Creation is idempotent: unique indexes allow one request per person and session, per person and ended
 * mentorship, and per person, mentorship and check-in occurrence, so a redelivered cause creates nothing new.
 */
@ApplicationScoped
public class RequestIssuer {

    public static final String SESSION = "session";
    public static final String END_SURVEY = "end_survey";
    public static final String CHECK_IN = "check_in";

    @Inject
    Sql sql;

    @Inject
    FeedbackEvents events;

    @Inject
    FeedbackConfig config;

    Clock clock = Clock.systemUTC();

    record Participant(UUID profileId, String role) {
    }

    /** After a session was held: one request to each participant, about the other participant of the pair. */
    public void issueSessionRequests(UUID sessionId, UUID mentorshipId, UUID programId, List<UUID> sessionParticipants) {
        List<Participant> pair = participants(mentorshipId);
        UUID program = programId != null ? programId : programOf(mentorshipId);
        List<Participant> addressed = new ArrayList<>();
        for (UUID id : sessionParticipants == null ? List.<UUID>of() : sessionParticipants) {
            addressed.add(pair.stream().filter(p -> id.equals(p.profileId())).findFirst()
                    .orElse(new Participant(id, null)));
        }
        for (Participant p : addressed) {
            issue(p, about(p, addressed), SESSION, mentorshipId, sessionId, program, null, null);
        }
    }

    /** At the end of a mentorship: an end survey to each participant, about the other. */
    public void issueEndSurveys(UUID mentorshipId) {
        List<Participant> pair = participants(mentorshipId);
        UUID program = programOf(mentorshipId);
        for (Participant p : pair) {
            issue(p, about(p, pair), END_SURVEY, mentorshipId, null, program, null, null);
        }
    }

    /** One occurrence of a check-in: a request to every participant of the programme's active mentorships. */
    public int issueCheckIn(UUID checkInId, int occurrence, UUID programId) {
        List<UUID> mentorships = sql.list("SELECT mentorship_id FROM mentorship WHERE program_id = ? AND status = 'active'",
                rs -> Sql.uuid(rs, "mentorship_id"), programId);
        int issued = 0;
        for (UUID mentorshipId : mentorships) {
            List<Participant> pair = participants(mentorshipId);
            for (Participant p : pair) {
                issued += issue(p, about(p, pair), CHECK_IN, mentorshipId, null, programId, checkInId, occurrence);
            }
        }
        return issued;
    }

    /** The person left: their open requests are closed, with an event so integrations stop reminding them. */
    public void closeOpenRequestsOf(UUID profileId) {
        OffsetDateTime now = now();
        List<FeedbackRequest> closed = sql.list("UPDATE feedback_request SET status = 'closed', changed_at = ? "
                + "WHERE profile_id = ? AND status = 'open' RETURNING " + FeedbackRequest.COLUMNS,
                FeedbackRequest::read, now, profileId);
        closed.forEach(r -> events.closed(r.eventData()));
    }

    /** Marks open requests past their expiry as expired; returns how many. */
    public int expireDue() {
        OffsetDateTime now = now();
        List<FeedbackRequest> expired = sql.list("""
                UPDATE feedback_request SET status = 'expired', changed_at = ?
                WHERE id IN (SELECT id FROM feedback_request WHERE status = 'open' AND expires_at <= ?
                             ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + FeedbackRequest.COLUMNS, FeedbackRequest::read, now, now);
        expired.forEach(r -> events.closed(r.eventData()));
        return expired.size();
    }

    private int issue(Participant p, UUID about, String kind, UUID mentorshipId, UUID sessionId, UUID programId,
                      UUID checkInId, Integer occurrence) {
        if (p.profileId() == null) {
            return 0;
        }
        OffsetDateTime now = now();
        List<FeedbackRequest> created = sql.list("""
                INSERT INTO feedback_request (id, profile_id, about_profile_id, author_role, kind, mentorship_id,
                    session_id, program_id, check_in_id, occurrence, status, created_at, expires_at, changed_at)
                SELECT ?, ?, CASE WHEN EXISTS (SELECT 1 FROM person WHERE profile_id = ? AND erased) THEN NULL
                                  ELSE CAST(? AS uuid) END, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?
                WHERE NOT EXISTS (SELECT 1 FROM person WHERE profile_id = ? AND (erased OR status = 'terminated'))
                ON CONFLICT DO NOTHING
                RETURNING\s""" + FeedbackRequest.COLUMNS, FeedbackRequest::read,
                // Never about someone erased (a session held before their erasure, marked held after it): the
                // answer would tie a rating and a comment to their id again.
                UUID.randomUUID(), p.profileId(), about, about, p.role(), kind, mentorshipId, sessionId, programId,
                checkInId, occurrence, now, now.plus(config.requestExpiry()), now, p.profileId());
        created.forEach(r -> events.requested(r.eventData()));
        return created.size();
    }

    private static UUID about(Participant p, List<Participant> all) {
        List<Participant> others = all.stream().filter(o -> o.profileId() != null && !o.profileId().equals(p.profileId()))
                .toList();
        if (others.size() == 1) {
            return others.get(0).profileId();
        }
        if ("mentee".equals(p.role())) {
            return others.stream().filter(o -> "mentor".equals(o.role())).map(Participant::profileId).findFirst()
                    .orElse(null);
        }
        return null;
    }

    private List<Participant> participants(UUID mentorshipId) {
        return sql.list("SELECT profile_id, role FROM mentorship_participant WHERE mentorship_id = ? ORDER BY position",
                rs -> new Participant(Sql.uuid(rs, "profile_id"), rs.getString("role")), mentorshipId);
    }

    private UUID programOf(UUID mentorshipId) {
        return sql.one("SELECT program_id FROM mentorship WHERE mentorship_id = ?", rs -> Sql.uuid(rs, "program_id"),
                mentorshipId).orElse(null);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
