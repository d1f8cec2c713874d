package org.mentoring.feedback.readmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.feedback.Sql;
import org.mentoring.feedback.request.RequestIssuer;
import org.mentoring.platform.events.EventHandler;
import org.mentoring.platform.events.ReceivedEvent;

/**
 * Mentorships and their participants, from mentorship events (version-guarded). When a mentorship ends, each
 * participant gets an end survey about the other.
 */
@ApplicationScoped
public class MentorshipProjection implements EventHandler {

    static final String TOPIC = "mentoring.mentorship.v1";
    static final String PREFIX = "mentoring.mentorship.";
    static final String ENDED = "mentoring.mentorship.ended.v1";

    private static final String UPSERT = """
            INSERT INTO mentorship (mentorship_id, program_id, kind, status, end_reason, started_at, ended_at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (mentorship_id) DO UPDATE SET program_id = excluded.program_id, kind = excluded.kind,
                status = excluded.status, end_reason = excluded.end_reason, started_at = excluded.started_at,
                ended_at = excluded.ended_at, version = excluded.version
            WHERE mentorship.version < excluded.version
            """;

    @Inject
    Sql sql;

    @Inject
    RequestIssuer requests;

    @Override
    public Set<String> topics() {
        return Set.of(TOPIC);
    }

    @Override
    public boolean handles(String type) {
        return type.startsWith(PREFIX) && type.endsWith(".v1");
    }

    @Override
    public void apply(ReceivedEvent event) {
        EventData.Mentorship m = event.dataAs(EventData.Mentorship.class);
        EventData.require(m.mentorshipId(), "mentorshipId", event);
        EventData.require(m.kind(), "kind", event);
        EventData.require(m.status(), "status", event);
        EventData.require(m.version(), "version", event);
        int changed = sql.update(UPSERT, m.mentorshipId(), m.programId(), m.kind(), m.status(), m.endReason(),
                m.startedAt(), m.endedAt(), m.version());
        if (changed == 0) {
            return;
        }
        List<EventData.Participant> participants = participants(m);
        sql.update("DELETE FROM mentorship_participant WHERE mentorship_id = ?", m.mentorshipId());
        for (int i = 0; i < participants.size(); i++) {
            EventData.Participant p = participants.get(i);
            sql.update("""
                    INSERT INTO mentorship_participant (mentorship_id, position, profile_id, role)
                    SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM person WHERE profile_id = ? AND erased)
                    """, m.mentorshipId(), i, p.profileId(), p.role(), p.profileId());
        }
        if (ENDED.equals(event.type()) && m.startedAt() != null) {
            requests.issueEndSurveys(m.mentorshipId());
        }
    }

    private static List<EventData.Participant> participants(EventData.Mentorship m) {
        if (m.participants() != null && !m.participants().isEmpty()) {
            return m.participants();
        }
        List<EventData.Participant> pair = new ArrayList<>();
        if (m.mentorId() != null) {
            pair.add(new EventData.Participant(m.mentorId(), "peer".equals(m.kind()) ? "peer" : "mentor"));
        }
        if (m.menteeId() != null) {
            pair.add(new EventData.Participant(m.menteeId(), "peer".equals(m.kind()) ? "peer" : "mentee"));
        }
        return pair;
    }
}
