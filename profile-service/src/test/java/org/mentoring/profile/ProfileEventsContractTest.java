package org.mentoring.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mentoring.profile.Api.MERGE_PATCH;
import static org.mentoring.profile.Api.as;
import static org.mentoring.profile.Api.hrAdmin;
import static org.mentoring.profile.Api.unique;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mentoring.platform.testing.ContractValidation;
import org.mentoring.platform.testing.EventCatalogue;
import org.mentoring.platform.testing.MentoringTestResource;

/** What profile-service writes to its outbox for a profile's life, checked against the event catalogue. */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class ProfileEventsContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    record Published(String topic, String key, String subject, String type, JsonNode data, String raw) {
    }

    private List<Published> eventsOf(String profileId) throws Exception {
        List<Published> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT topic, record_key, subject, type, data FROM outbox WHERE record_key = ? ORDER BY seq")) {
            s.setString(1, profileId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(new Published(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            JSON.readTree(rs.getString(5)), rs.getString(5)));
                }
            }
        }
        return events;
    }

    @Test
    void aProfilesLifeIsPublishedInOrderAndMatchesTheCatalogue() throws Exception {
        String managerId = Api.createProfile(unique("boss") + "@example.com");
        String email = unique("life") + "@example.com";
        String id = Api.createProfile(email, Map.of("managerId", managerId, "externalId", unique("X"),
                "goals", List.of(Map.of("skill", "leadership", "targetLevel", 4, "priority", 1))));
        String etag = as(hrAdmin()).when().get("/v1/profiles/" + id).then().extract().header("ETag");
        assertEquals("\"1\"", etag, "a new profile is version 1");
        etag = as(Api.employee(email)).contentType(MERGE_PATCH).header("If-Match", etag)
                .body("{\"skills\": [{\"skill\": \"kotlin\", \"proficiency\": 4}], \"bio\": \"hello\"}")
                .when().patch("/v1/profiles/" + id).then().statusCode(200).extract().header("ETag");
        as(hrAdmin()).contentType(MERGE_PATCH).header("If-Match", etag).body("{\"status\": \"terminated\"}")
                .when().patch("/v1/profiles/" + id).then().statusCode(200);
        List<Published> events = new java.util.ArrayList<>(eventsOf(id));
        as(hrAdmin()).when().post("/v1/profiles/" + id + "/erasure").then().statusCode(204);
        // Erasure removes the person's earlier events from the outbox (they carry personal data); the erased event
        // that supersedes them is all that is left.
        List<Published> afterErasure = eventsOf(id);
        assertEquals(List.of("mentoring.profile.erased.v1"), afterErasure.stream().map(Published::type).toList());
        events.add(afterErasure.get(0));
        assertEquals(List.of("mentoring.profile.created.v1", "mentoring.profile.updated.v1",
                "mentoring.profile.deactivated.v1", "mentoring.profile.erased.v1"),
                events.stream().map(Published::type).toList());
        EventCatalogue catalogue = EventCatalogue.load();
        long version = 0;
        for (Published e : events) {
            assertEquals("mentoring.profile.v1", e.topic());
            assertEquals(catalogue.topicOf(e.type()), e.topic());
            assertEquals(id, e.subject());
            catalogue.assertConforms(e.type(), e.raw());
            assertTrue(e.data().get("version").asLong() > version, "versions increase: " + e.raw());
            version = e.data().get("version").asLong();
        }
        JsonNode updated = events.get(1).data();
        assertEquals("Kotlin", updated.get("skills").get(0).get("skill").asText());
        assertEquals(managerId, updated.get("managementChain").get(0).asText());
        assertEquals("Leadership", updated.get("goals").get(0).get("skill").asText());
        assertTrue(updated.get("bio") == null, "no bio in events");
        assertEquals(2, events.get(3).data().size(), "erased carries only id and version");
    }

    @Test
    void aRejectedChangePublishesNothing() throws Exception {
        String email = unique("quiet") + "@example.com";
        String id = Api.createProfile(email);
        as(Api.employee(email)).contentType(MERGE_PATCH).header("If-Match", "\"1\"").body("{\"department\": \"X\"}")
                .when().patch("/v1/profiles/" + id).then().statusCode(403);
        as(Api.employee(email)).contentType(MERGE_PATCH).header("If-Match", "\"1\"").body("{\"bio\": null}")
                .when().patch("/v1/profiles/" + id).then().statusCode(200);
        assertEquals(1, eventsOf(id).size(), "only the creation");
    }

    static int outboxRows(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
