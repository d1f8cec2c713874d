package org.mentoring.profile.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.web.ProblemException;

class ProfileRulesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    @Test
    void mergePatchFollowsRfc7396() throws Exception {
        JsonNode target = json("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"},\"l\":[1,2]}");
        JsonNode patch = json("{\"a\":\"z\",\"c\":{\"f\":null},\"l\":[3],\"n\":{\"x\":null}}");
        assertEquals(json("{\"a\":\"z\",\"c\":{\"d\":\"e\"},\"l\":[3],\"n\":{}}"), JsonMergePatch.apply(target, patch));
        assertEquals(json("[\"c\"]"), JsonMergePatch.apply(json("{\"a\":\"b\"}"), json("[\"c\"]")));
        assertEquals(json("{\"a\":\"b\"}"), JsonMergePatch.apply(json("{\"a\":\"b\"}"), json("{}")));
    }

    @Test
    void fieldRightsSeparateHrFieldsFromPersonalOnes() {
        Set<String> changed = Set.of("bio", "department", "skills");
        assertEquals(Set.of("department"), FieldRights.refused(changed, Set.of(FieldRights.Editor.SELF)));
        assertEquals(Set.of("bio", "skills"), FieldRights.refused(changed, Set.of(FieldRights.Editor.INTEGRATION)));
        assertTrue(FieldRights.refused(changed, Set.of(FieldRights.Editor.HR_ADMIN)).isEmpty());
        assertTrue(FieldRights.refused(changed, Set.of(FieldRights.Editor.SELF, FieldRights.Editor.INTEGRATION)).isEmpty());
        assertEquals(changed, FieldRights.refused(changed, Set.of()));
    }

    @Test
    void cursorsRoundTripAndRefuseForgeries() {
        Cursor cursor = new Cursor("Zoë, O'Neil", UUID.randomUUID());
        assertEquals(cursor, Cursor.decode(cursor.encode()));
        assertThrows(ProblemException.class, () -> Cursor.decode("%%%"));
        assertThrows(ProblemException.class, () -> Cursor.decode("bm8tc2VwYXJhdG9y"));
    }

    @Test
    void ifMatchMustBeAStrongTagOfTheCurrentVersion() {
        assertEquals("\"7\"", ETags.of(7));
        ETags.require("\"7\"", 7);
        ETags.require("\"6\", \"7\"", 7);
        ETags.require("*", 7);
        assertEquals(412, assertThrows(ProblemException.class, () -> ETags.require("W/\"7\"", 7)).problem().status());
        assertEquals(412, assertThrows(ProblemException.class, () -> ETags.require("\"6\"", 7)).problem().status());
        assertEquals(412, assertThrows(ProblemException.class, () -> ETags.require("\"07\"", 7)).problem().status());
        assertEquals(428, assertThrows(ProblemException.class, () -> ETags.require(null, 7)).problem().status());
        assertEquals(428, assertThrows(ProblemException.class, () -> ETags.require(" ", 7)).problem().status());
        assertEquals(400, assertThrows(ProblemException.class, () -> ETags.require("7", 7)).problem().status());
    }

    @Test
    void managementChainWalksUpAndStopsAtACycle() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        Map<UUID, UUID> managerOf = Map.of(b, c, c, d);
        assertEquals(List.of(b, c, d), ManagementChains.walk(a, b, managerOf::get));
        Map<UUID, UUID> cycle = Map.of(b, c, c, a);
        assertEquals(List.of(b, c), ManagementChains.walk(a, b, cycle::get));
        assertEquals(List.of(), ManagementChains.walk(a, null, cycle::get));
    }
}
