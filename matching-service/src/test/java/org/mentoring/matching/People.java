package org.mentoring.matching;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import io.restassured.specification.RequestSpecification;
import javax.sql.DataSource;
import org.mentoring.platform.testing.TestTokens;

/**
 * People in matching's candidate read model, written straight into the table (the read model's own tests feed it
 * through the broker), and tokens for them. Every person gets a fresh id and email, so runs never collide.
 */
public final class People {

    private final DataSource dataSource;

    public People(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A candidate as the read model stores one; change fields before {@link #save()}. */
    public final class Person {
        public final UUID id = UUID.randomUUID();
        public final String email = "p-" + id.toString().substring(0, 13) + "@example.com";
        public String displayName = "Person " + id.toString().substring(0, 6);
        public String department = "Engineering";
        public String location = "Berlin";
        public String timeZone = "Europe/Berlin";
        public List<String> languages = List.of("en");
        public int level = 4;
        public List<UUID> chain = List.of();
        public String status = "active";
        public List<String> openToRoles = List.of("mentor", "mentee", "peer");
        public String skills = "[]";
        public String goals = "[]";
        public int capacity = 2;
        public boolean openToRequests = true;
        public long version = 1;

        public Person save() {
            insert(this);
            return this;
        }

        public String bearer() {
            return TestTokens.bearer("emp-" + id, email, "employee");
        }

        public RequestSpecification as() {
            return given().header("Authorization", bearer());
        }
    }

    public Person person() {
        return new Person();
    }

    public Person saved() {
        return new Person().save();
    }

    public static String hrAdmin() {
        return TestTokens.bearer("hr-" + UUID.randomUUID(), "hr-" + UUID.randomUUID() + "@example.com",
                "employee", "hr-admin");
    }

    public static String programAdmin() {
        return TestTokens.bearer("pa-" + UUID.randomUUID(), "pa-" + UUID.randomUUID() + "@example.com",
                "employee", "program-admin");
    }

    /** An employee unknown to matching (no profile in the read model). */
    public static String nobody() {
        return TestTokens.bearer("x-" + UUID.randomUUID(), "x-" + UUID.randomUUID() + "@example.com", "employee");
    }

    public static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer);
    }

    private void insert(Person p) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO matching.candidate (profile_id, email, display_name, department, location, time_zone,
                         languages, level, management_chain, status, open_to_roles, skills, goals, capacity,
                         open_to_requests, version, changed_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, now())
                     ON CONFLICT (profile_id) DO UPDATE SET department = excluded.department,
                         location = excluded.location, languages = excluded.languages, level = excluded.level,
                         management_chain = excluded.management_chain, status = excluded.status,
                         skills = excluded.skills, goals = excluded.goals, capacity = excluded.capacity,
                         open_to_requests = excluded.open_to_requests, version = excluded.version""")) {
            int i = 1;
            ps.setObject(i++, p.id);
            ps.setString(i++, p.email);
            ps.setString(i++, p.displayName);
            ps.setString(i++, p.department);
            ps.setString(i++, p.location);
            ps.setString(i++, p.timeZone);
            ps.setArray(i++, c.createArrayOf("text", p.languages.toArray()));
            ps.setInt(i++, p.level);
            ps.setArray(i++, c.createArrayOf("uuid", p.chain.toArray()));
            ps.setString(i++, p.status);
            ps.setArray(i++, c.createArrayOf("text", p.openToRoles.toArray()));
            ps.setString(i++, p.skills);
            ps.setString(i++, p.goals);
            ps.setInt(i++, p.capacity);
            ps.setBoolean(i++, p.openToRequests);
            ps.setLong(i, p.version);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement against the service's database, for putting a mentorship into a state directly. */
    public void exec(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
