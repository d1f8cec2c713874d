package org.mentoring.matching.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The cohort proposal without Quarkus: reasons for the unmatched, pins, forbids, capacities and determinism. */
class CohortMatcherTest {

    private static UUID id(int n) {
        return new UUID(0, n);
    }

    private static RunInputs.Participant mentor(int n, int level, int capacity, String skill, UUID... chain) {
        return new RunInputs.Participant(id(n), "mentor", true, level, "Engineering", "Berlin", "Europe/Berlin",
                List.of("en"), Map.of(skill, 5), List.of(), capacity, List.of(chain), null, 0);
    }

    private static RunInputs.Participant mentee(int n, int level, String goal, UUID... chain) {
        return new RunInputs.Participant(id(n), "mentee", true, level, "Sales", "Paris", "Europe/Paris", List.of("en"),
                Map.of(), List.of(new EnrolmentGoal(goal, 3, 3)), 0, List.of(chain), null, 0);
    }

    private static RunInputs inputs(String kind, List<RunInputs.Participant> people, List<RunInputs.PairRef> pins,
            List<RunInputs.PairRef> forbids, List<RunInputs.PairRef> ended) {
        return new RunInputs(kind, "peer".equals(kind) ? "PEER" : "OPTIMAL", ProgramWeights.DEFAULTS,
                Eligibility.ANYONE, 50, people, pins, forbids, ended);
    }

    private static RunInputs inputs(List<RunInputs.Participant> people) {
        return inputs("one_to_one", people, List.of(), List.of(), List.of());
    }

    @Test
    void theOnlyMentorBeingTheMenteesManagerIsReportedAsOnlyConflicts() {
        RunInputs in = inputs(List.of(mentor(1, 6, 2, "Kotlin"), mentee(2, 3, "Kotlin", id(1))));
        CohortMatcher.Proposal p = new CohortMatcher(in).propose();
        assertTrue(p.pairs().isEmpty());
        assertEquals("only_conflicts", p.unmatched().get(0).reason());
        assertEquals(0.0, p.objective());
    }

    @Test
    void aFullMentorLeavesTheWeakerMenteeUnmatchedForCapacity() {
        RunInputs in = inputs(List.of(mentor(1, 6, 1, "Kotlin"), mentee(2, 3, "Kotlin"), mentee(3, 3, "Go")));
        CohortMatcher.Proposal p = new CohortMatcher(in).propose();
        assertEquals(1, p.pairs().size());
        assertEquals(id(2), p.pairs().get(0).menteeId(), "the mentee whose goal the mentor covers");
        assertTrue(p.pairs().get(0).reasons().get(0).contains("Kotlin"), p.pairs().get(0).reasons().toString());
        assertEquals("no_mentor_with_capacity", p.unmatched().get(0).reason());
        assertEquals(id(3), p.unmatched().get(0).profileId());
    }

    @Test
    void noMentorSharingALanguageIsExplained() {
        RunInputs.Participant french = new RunInputs.Participant(id(2), "mentee", true, 2, "Sales", "Paris",
                "Europe/Paris", List.of("fr"), Map.of(), List.of(new EnrolmentGoal("Kotlin", 2, 3)), 0, List.of(), null, 0);
        CohortMatcher.Proposal p = new CohortMatcher(inputs(List.of(mentor(1, 6, 1, "Kotlin"), french))).propose();
        assertEquals("no_eligible_mentor", p.unmatched().get(0).reason());
        assertTrue(p.unmatched().get(0).detail().contains("no shared language"), p.unmatched().get(0).detail());
    }

    @Test
    void pinsAndForbidsAreHonoured() {
        List<RunInputs.Participant> people = List.of(mentor(1, 6, 1, "Kotlin"), mentor(4, 6, 1, "Go"),
                mentee(2, 3, "Kotlin"), mentee(3, 3, "Go"));
        CohortMatcher.Proposal free = new CohortMatcher(inputs(people)).propose();
        assertEquals(Map.of(id(2), id(1), id(3), id(4)), pairs(free));

        RunInputs pinned = inputs("one_to_one", people, List.of(new RunInputs.PairRef(id(2), id(4))), List.of(),
                List.of());
        CohortMatcher.Proposal p = new CohortMatcher(pinned).propose();
        assertEquals(Map.of(id(2), id(4), id(3), id(1)), pairs(p));
        assertTrue(p.pairs().stream().filter(x -> x.menteeId().equals(id(2))).findFirst().orElseThrow().pinned());

        RunInputs forbidden = inputs("one_to_one", people, List.of(), List.of(new RunInputs.PairRef(id(2), id(1))),
                List.of());
        assertEquals(id(4), pairs(new CohortMatcher(forbidden).propose()).get(id(2)));
    }

    @Test
    void betterRatedMentorsWinWhenEverythingElseIsEqual() {
        RunInputs.Participant lowRated = new RunInputs.Participant(id(1), "mentor", true, 6, "Engineering", "Berlin",
                "Europe/Berlin", List.of("en"), Map.of("Kotlin", 5), List.of(), 1, List.of(), 1.5, 30);
        RunInputs.Participant highRated = new RunInputs.Participant(id(4), "mentor", true, 6, "Engineering", "Berlin",
                "Europe/Berlin", List.of("en"), Map.of("Kotlin", 5), List.of(), 1, List.of(), 4.8, 30);
        CohortMatcher.Proposal p = new CohortMatcher(inputs(List.of(lowRated, highRated, mentee(2, 3, "Kotlin"))))
                .propose();
        assertEquals(id(4), p.pairs().get(0).mentorId());
        assertTrue(p.pairs().get(0).breakdown().get("quality") > 0.15, p.pairs().get(0).breakdown().toString());
    }

    @Test
    void aPairThatAlreadyEndedIsNeverProposedAgain() {
        RunInputs in = inputs("one_to_one", List.of(mentor(1, 6, 1, "Kotlin"), mentee(2, 3, "Kotlin")), List.of(),
                List.of(), List.of(new RunInputs.PairRef(id(2), id(1))));
        CohortMatcher.Proposal p = new CohortMatcher(in).propose();
        assertTrue(p.pairs().isEmpty());
        assertEquals("only_conflicts", p.unmatched().get(0).reason());
        // The other way round too: 2 mentored 1 in the mentorship that ended early, and 1 now enrols as the mentee.
        RunInputs reversed = inputs("one_to_one", List.of(mentor(1, 6, 1, "Kotlin"), mentee(2, 3, "Kotlin")), List.of(),
                List.of(), List.of(new RunInputs.PairRef(id(1), id(2))));
        CohortMatcher.Proposal q = new CohortMatcher(reversed).propose();
        assertTrue(q.pairs().isEmpty(), q.pairs().toString());
        assertEquals("only_conflicts", q.unmatched().get(0).reason());
    }

    @Test
    void aGroupMentorTakesUpToTheirCapacity() {
        List<RunInputs.Participant> people = new ArrayList<>(List.of(mentor(1, 7, 3, "Kotlin")));
        for (int i = 2; i <= 6; i++) {
            people.add(mentee(i, 2, "Kotlin"));
        }
        CohortMatcher.Proposal p = new CohortMatcher(inputs("group", people, List.of(), List.of(), List.of())).propose();
        assertEquals(3, p.pairs().size());
        assertEquals(2, p.unmatched().size());
    }

    @Test
    void anOddPeerIsLeftOutWithAReason() {
        List<RunInputs.Participant> peers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            peers.add(new RunInputs.Participant(id(i), "peer", true, 4, "Dept" + i, "Berlin", "Europe/Berlin",
                    List.of("en"), Map.of("Skill" + i, 4), List.of(new EnrolmentGoal("Skill" + (i % 3 + 1), 2, 3)), 1,
                    List.of(), null, 0));
        }
        CohortMatcher.Proposal p = new CohortMatcher(inputs("peer", peers, List.of(), List.of(), List.of())).propose();
        assertEquals(1, p.pairs().size());
        assertEquals("odd_one_out", p.unmatched().get(0).reason());
    }

    /** Same inputs, same pairs and objective, on seeded random cohorts; and capacities always hold. */
    @Test
    void proposalsAreDeterministicAndRespectCapacities() {
        Random random = new Random(20261125L);
        String[] skills = {"Kotlin", "Go", "Leadership", "Sales", "Design"};
        for (int round = 0; round < 50; round++) {
            List<RunInputs.Participant> people = new ArrayList<>();
            int mentors = 2 + random.nextInt(6);
            int mentees = 2 + random.nextInt(15);
            for (int j = 0; j < mentors; j++) {
                people.add(mentor(1000 + j, 3 + random.nextInt(5), 1 + random.nextInt(3),
                        skills[random.nextInt(skills.length)]));
            }
            for (int i = 0; i < mentees; i++) {
                people.add(random.nextInt(5) == 0 ? mentee(i, 2, skills[random.nextInt(skills.length)], id(1000))
                        : mentee(i, 1 + random.nextInt(4), skills[random.nextInt(skills.length)]));
            }
            for (String algorithm : List.of("OPTIMAL", "STABLE")) {
                RunInputs in = new RunInputs("one_to_one", algorithm, ProgramWeights.DEFAULTS, Eligibility.ANYONE, 50,
                        people, List.of(), List.of(), List.of());
                CohortMatcher.Proposal a = new CohortMatcher(in).propose();
                CohortMatcher.Proposal b = new CohortMatcher(in).propose();
                assertEquals(a, b);
                assertEquals(mentees, a.pairs().size() + a.unmatched().size(), "every mentee is paired or explained");
                Map<UUID, Integer> load = new HashMap<>();
                a.pairs().forEach(x -> load.merge(x.mentorId(), 1, Integer::sum));
                for (RunInputs.Participant m : people) {
                    if (m.role().equals("mentor")) {
                        assertTrue(load.getOrDefault(m.profileId(), 0) <= m.capacity());
                    }
                }
                a.pairs().forEach(x -> assertFalse(x.mentorId().equals(id(1000))
                        && people.stream().anyMatch(m -> m.profileId().equals(x.menteeId())
                                && m.managementChain().contains(id(1000))), "never a mentee's own manager"));
            }
        }
    }

    private static Map<UUID, UUID> pairs(CohortMatcher.Proposal p) {
        Map<UUID, UUID> pairs = new HashMap<>();
        p.pairs().forEach(x -> pairs.put(x.menteeId(), x.mentorId()));
        return pairs;
    }
}
