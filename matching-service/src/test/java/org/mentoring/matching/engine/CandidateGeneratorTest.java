package org.mentoring.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class CandidateGeneratorTest {

    private static final List<String> SKILLS = List.of("Kotlin", "Java", "SQL", "Kubernetes", "public speaking",
            "negotiation", "design", "finance");

    static List<Person> people(int count, long seed) {
        Random random = new Random(seed);
        List<Person> people = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            Map<String, Integer> skills = new java.util.HashMap<>();
            for (int s = 0; s < 3; s++) {
                skills.put(SKILLS.get(random.nextInt(SKILLS.size())), 1 + random.nextInt(5));
            }
            List<Goal> goals = List.of(new Goal(SKILLS.get(random.nextInt(SKILLS.size())), 1 + random.nextInt(3),
                    1 + random.nextInt(5)));
            people.add(new Person(String.format("p%03d", p), 1 + random.nextInt(6), "d" + random.nextInt(3),
                    "l" + random.nextInt(2), ZoneId.of(random.nextBoolean() ? "Europe/Lisbon" : "America/New_York"),
                    random.nextInt(5) == 0 ? Set.of("fr") : Set.of("en"), skills, goals, List.of(), random.nextInt(3),
                    0, random.nextInt(4), 0));
        }
        return people;
    }

    @Test
    void topKEqualsScoringEveryMentorThatSharesAGoalSkill() {
        List<Person> people = people(200, 7);
        Scoring scoring = Scoring.defaults(MentoringKind.CLASSIC, OrgChart.empty());
        CandidateGenerator generator = new CandidateGenerator(scoring, people);
        for (Person mentee : people.subList(0, 40)) {
            Set<String> wanted = mentee.goals().stream().map(Goal::skill).collect(Collectors.toSet());
            List<PairScore> expected = people.stream()
                    .filter(m -> m.skills().keySet().stream().anyMatch(wanted::contains))
                    .map(m -> scoring.evaluate(mentee, m)).flatMap(java.util.Optional::stream)
                    .sorted(Comparator.comparingDouble(PairScore::score).reversed().thenComparing(PairScore::mentorId))
                    .limit(5).toList();
            assertEquals(expected, generator.topK(mentee, 5));
        }
    }

    @Test
    void cohortGraphHoldsOnlyAllowedPairsAndFeedsTheAssignment() {
        List<Person> people = people(120, 11);
        OrgChart chart = new OrgChart(Map.of("p001", "p002", "p003", "p001"));
        Scoring scoring = Scoring.defaults(MentoringKind.CLASSIC, chart);
        CandidateGenerator generator = new CandidateGenerator(scoring, people);
        CandidateGenerator.Candidates candidates = generator.candidates(people.subList(0, 60), 10);
        CandidateGraph g = candidates.graph();
        assertEquals(60, g.menteeCount());
        for (int i = 0; i < g.menteeCount(); i++) {
            assertTrue(g.rowEnd(i) - g.rowStart(i) <= 10);
            for (int a = g.rowStart(i); a < g.rowEnd(i); a++) {
                PairKey key = new PairKey(g.menteeId(i), g.mentorId(g.arcMentor(a)));
                assertTrue(!key.menteeId().equals(key.mentorId()));
                assertTrue(!chart.sameChain(key.menteeId(), key.mentorId()));
                assertEquals(candidates.scores().get(key).score(), g.arcScore(a));
            }
        }
        Assignment assignment = OptimalAssignment.solve(g);
        OptimalAssignmentPropertiesTest.assertFeasible(g, assignment, Set.of());
        assertTrue(!assignment.matches().isEmpty());
    }
}
