package org.mentoring.feedback.readmodel;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.feedback.Sql;
import org.mentoring.feedback.request.RequestIssuer;
import org.mentoring.platform.events.EventHandler;
import org.mentoring.platform.events.ReceivedEvent;

/**
 * Sessions (dates and states only), from session events, version-guarded. A completed session asks each of its
 * participants for feedback.
 */
@ApplicationScoped
public class SessionProjection implements EventHandler {

    static final String TOPIC = "mentoring.session.v1";
    static final String PREFIX = "mentoring.session.";
    static final String COMPLETED = "mentoring.session.completed.v1";

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
        EventData.Session s = event.dataAs(EventData.Session.class);
        EventData.require(s.sessionId(), "sessionId", event);
        EventData.require(s.mentorshipId(), "mentorshipId", event);
        EventData.require(s.status(), "status", event);
        EventData.require(s.startsAt(), "startsAt", event);
        EventData.require(s.version(), "version", event);
        sql.update("""
                INSERT INTO session (session_id, mentorship_id, program_id, participant_ids, status, starts_at, version)
                VALUES (?, ?, ?, ARRAY(SELECT x FROM unnest(?::uuid[]) x
                        WHERE NOT EXISTS (SELECT 1 FROM person WHERE profile_id = x AND erased)), ?, ?, ?)
                ON CONFLICT (session_id) DO UPDATE SET mentorship_id = excluded.mentorship_id,
                    program_id = excluded.program_id, participant_ids = excluded.participant_ids,
                    status = excluded.status, starts_at = excluded.starts_at, version = excluded.version
                WHERE session.version < excluded.version
                """, s.sessionId(), s.mentorshipId(), s.programId(), Sql.uuids(s.participantIds()), s.status(),
                s.startsAt(), s.version());
        if (COMPLETED.equals(event.type())) {
            requests.issueSessionRequests(s.sessionId(), s.mentorshipId(), s.programId(), s.participantIds());
        }
    }
}
