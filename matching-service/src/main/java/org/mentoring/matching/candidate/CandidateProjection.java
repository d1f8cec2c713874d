package org.mentoring.matching.candidate;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.mentoring.platform.events.EventHandler;
import org.mentoring.platform.events.ReceivedEvent;

/**
 * Keeps the candidate read model from profile events. Each event carries the profile's whole state and a version;
 * a row only ever moves to a higher version, so redelivered or out-of-order events never overwrite newer data.
 * Erasure keeps a tombstone (id and version, no personal data) so that no older event can bring the person back.
 */
@ApplicationScoped
public class CandidateProjection implements EventHandler {

    public static final String TOPIC = "mentoring.profile.v1";
    static final String CREATED = "mentoring.profile.created.v1";
    static final String UPDATED = "mentoring.profile.updated.v1";
    static final String DEACTIVATED = "mentoring.profile.deactivated.v1";
    static final String ERASED = "mentoring.profile.erased.v1";

    private static final String UPSERT = """
            INSERT INTO matching.candidate (profile_id, display_name, job_title, department, location, time_zone,
                languages, level, grade_label, manager_id, management_chain, status, open_to_roles, skills, goals,
                topics, capacity, open_to_requests, availability, erased, version, changed_at, applied_at, email,
                external_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb, FALSE, ?, ?, now(), ?, ?)
            ON CONFLICT (profile_id) DO UPDATE SET
                display_name = excluded.display_name, job_title = excluded.job_title,
                department = excluded.department, location = excluded.location, time_zone = excluded.time_zone,
                languages = excluded.languages, level = excluded.level, grade_label = excluded.grade_label,
                manager_id = excluded.manager_id, management_chain = excluded.management_chain,
                status = excluded.status, open_to_roles = excluded.open_to_roles, skills = excluded.skills,
                goals = excluded.goals, topics = excluded.topics, capacity = excluded.capacity,
                open_to_requests = excluded.open_to_requests, availability = excluded.availability,
                version = excluded.version, changed_at = excluded.changed_at, applied_at = now(),
                email = excluded.email, external_id = excluded.external_id
            WHERE candidate.version < excluded.version AND NOT candidate.erased
            """;

    private static final String ERASE = """
            INSERT INTO matching.candidate (profile_id, status, erased, version, applied_at)
            VALUES (?, 'erased', TRUE, ?, now())
            ON CONFLICT (profile_id) DO UPDATE SET
                display_name = NULL, job_title = NULL, department = NULL, location = NULL, time_zone = NULL,
                languages = '{}', level = NULL, grade_label = NULL, manager_id = NULL, management_chain = '{}',
                status = 'erased', open_to_roles = '{}', skills = '[]', goals = '[]', topics = '{}',
                capacity = NULL, open_to_requests = NULL, availability = '[]', erased = TRUE, email = NULL,
                external_id = NULL, quality = NULL, rating_count = 0,
                version = GREATEST(candidate.version, excluded.version), changed_at = NULL, applied_at = now()
            """;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Override
    public Set<String> topics() {
        return Set.of(TOPIC);
    }

    @Override
    public boolean handles(String type) {
        return CREATED.equals(type) || UPDATED.equals(type) || DEACTIVATED.equals(type) || ERASED.equals(type);
    }

    @Override
    public void apply(ReceivedEvent event) {
        try (Connection c = dataSource.getConnection()) {
            if (ERASED.equals(event.type())) {
                ProfileChanged.Erased erased = event.dataAs(ProfileChanged.Erased.class);
                try (PreparedStatement ps = c.prepareStatement(ERASE)) {
                    ps.setObject(1, erased.profileId());
                    ps.setLong(2, erased.version());
                    ps.executeUpdate();
                }
                return;
            }
            ProfileChanged p = event.dataAs(ProfileChanged.class);
            if (p.profileId() == null || p.status() == null) {
                throw new ReceivedEvent.UnreadableEventException(event.type() + " " + event.id()
                        + " lacks profileId or status", null);
            }
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                int i = 1;
                ps.setObject(i++, p.profileId());
                ps.setString(i++, p.displayName());
                ps.setString(i++, p.jobTitle());
                ps.setString(i++, p.department());
                ps.setString(i++, p.location());
                ps.setString(i++, p.timeZone());
                ps.setArray(i++, textArray(c, p.languages()));
                setInt(ps, i++, p.level());
                ps.setString(i++, p.gradeLabel());
                ps.setObject(i++, p.managerId());
                ps.setArray(i++, c.createArrayOf("uuid", orEmpty(p.managementChain()).toArray()));
                ps.setString(i++, p.status());
                ps.setArray(i++, textArray(c, p.openToRoles()));
                ps.setString(i++, toJson(orEmpty(p.skills())));
                ps.setString(i++, toJson(orEmpty(p.goals())));
                ps.setArray(i++, textArray(c, p.topics()));
                setInt(ps, i++, p.capacity());
                if (p.openToRequests() == null) {
                    ps.setNull(i++, Types.BOOLEAN);
                } else {
                    ps.setBoolean(i++, p.openToRequests());
                }
                ps.setString(i++, toJson(orEmpty(p.availability())));
                ps.setLong(i++, p.version());
                ps.setTimestamp(i++, p.changedAt() == null ? null : Timestamp.from(p.changedAt().toInstant()));
                ps.setString(i++, p.email());
                ps.setString(i, p.externalId());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not apply " + event.type() + " " + event.id(), e);
        }
    }

    private static Array textArray(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", orEmpty(values).toArray());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
