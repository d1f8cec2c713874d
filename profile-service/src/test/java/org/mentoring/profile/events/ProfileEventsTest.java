package org.mentoring.profile.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.mentoring.profile.profile.LearningGoal;
import org.mentoring.profile.profile.Profile;
import org.mentoring.profile.profile.SkillLevel;

class ProfileEventsTest {

    private static Profile profile() {
        Profile p = new Profile();
        p.id = UUID.randomUUID();
        p.externalId = "E-1";
        p.email = "e1@example.com";
        p.displayName = "Eve";
        p.bio = "private words";
        p.level = 5;
        p.managerId = UUID.randomUUID();
        p.skills = List.of(new SkillLevel("Kotlin", 4));
        p.goals = List.of(new LearningGoal("Public Speaking", 3, 1));
        p.version = 3;
        return p;
    }

    @Test
    void eventDataCarriesWhatOtherServicesNeedAndNoBio() {
        Profile p = profile();
        UUID grand = UUID.randomUUID();
        ProfileEventData data = ProfileEvents.data(p, List.of(p.managerId, grand));
        assertEquals(p.id, data.profileId());
        assertEquals(List.of(p.managerId, grand), data.managementChain());
        assertEquals(List.of(new ProfileEventData.Skill("Kotlin", 4)), data.skills());
        assertEquals(List.of(new ProfileEventData.Goal("Public Speaking", 3, 1)), data.goals());
        assertEquals(3, data.version());
        JsonNode json = new ObjectMapper().registerModule(new JavaTimeModule()).valueToTree(data);
        assertNull(json.get("bio"));
    }

    @Test
    void erasedEventsCarryOnlyTheIdAndVersion() {
        Profile p = profile();
        JsonNode json = new ObjectMapper().valueToTree(ProfileEventData.erased(p.id, 4));
        assertEquals(2, json.size(), json.toString());
        assertEquals(p.id.toString(), json.get("profileId").asText());
        assertEquals(4, json.get("version").asLong());
    }
}
