package org.mentoring.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ScoringTest {

    static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

    static Person person(String id, int level, String department, ZoneId zone, Map<String, Integer> skills,
            List<Goal> goals) {
        return new Person(id, level, department, "Lisbon", zone, Set.of("en"), skills, goals, List.of(), 3, 0, 0, 0);
    }

    static Person mentee() {
        return person("mentee", 2, "Engineering", LISBON, Map.of(), List.of(
                new Goal("Kotlin", 3, 3), new Goal("public speaking", 2, 3), new Goal("Kubernetes", 1, 4),
                new Goal("negotiation", 1, 2)));
    }

    static Person mentor() {
        return person("mentor", 4, "Finance", LISBON,
                Map.of("Kotlin", 5, "public speaking", 3, "Kubernetes", 4, "negotiation", 1), List.of());
    }

    private final Scoring classic = Scoring.defaults(MentoringKind.CLASSIC, OrgChart.empty());

    @Test
    void goalCoverageIsWeightedByPriorityAndProficiency() {
        PairFeatures f = PairFeatures.of(mentee(), mentor(), MentoringKind.CLASSIC, Weights.DEFAULTS);
        // Kotlin, speaking and Kubernetes fully covered (3 + 2 + 1), negotiation at half the target (1 x 0.5), of 7.
        assertEquals(6.5 / 7, f.goalCoverage(), 1e-12);
        assertEquals(List.of("Kotlin", "public speaking", "Kubernetes"), f.coveredGoals());
        assertEquals(List.of("negotiation"), f.partlyCoveredGoals());
        assertEquals(0.40 * 6.5 / 7, classic.score(mentee(), mentor()).breakdown().of(ScoreBreakdown.Component.GOALS),
                1e-12);
    }

    @Test
    void reasonsNameTheMenteesOwnGoals() {
        PairScore score = classic.score(mentee(), mentor());
        assertEquals(List.of(
                "covers 3 of your 4 goals: Kotlin, public speaking, Kubernetes",
                "some experience in negotiation",
                "works 2 levels above you",
                "different department: Finance",
                "speaks English with you",
                "8 hours of overlapping working time"), score.reasons());
    }

    @Test
    void breakdownAddsUpToTheScore() {
        PairScore score = classic.score(mentee(), mentor());
        double sum = score.breakdown().contributions().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(sum, score.score(), 1e-12);
        assertEquals(6, score.breakdown().contributions().size());
        assertTrue(score.score() > 0 && score.score() <= 1);
    }

    @Test
    void seniorityFitDependsOnTheKind() {
        assertEquals(1.0, PairFeatures.seniorityFit(MentoringKind.CLASSIC, 1));
        assertEquals(1.0, PairFeatures.seniorityFit(MentoringKind.CLASSIC, 3));
        assertEquals(0.5, PairFeatures.seniorityFit(MentoringKind.CLASSIC, 4));
        assertEquals(0.0, PairFeatures.seniorityFit(MentoringKind.CLASSIC, 0));
        assertEquals(0.0, PairFeatures.seniorityFit(MentoringKind.CLASSIC, -2));
        assertEquals(1.0, PairFeatures.seniorityFit(MentoringKind.PEER, 0));
        assertEquals(0.6, PairFeatures.seniorityFit(MentoringKind.PEER, -1));
        assertEquals(0.0, PairFeatures.seniorityFit(MentoringKind.PEER, 3));
        assertEquals(1.0, PairFeatures.seniorityFit(MentoringKind.REVERSE, -2));
        assertEquals(0.0, PairFeatures.seniorityFit(MentoringKind.REVERSE, 2));
        Scoring reverse = Scoring.defaults(MentoringKind.REVERSE, OrgChart.empty());
        PairScore flipped = reverse.score(mentor(), mentee());
        assertTrue(flipped.reasons().contains("works 2 levels below you"));
        assertEquals(0.15, flipped.breakdown().of(ScoreBreakdown.Component.SENIORITY), 1e-12);
    }

    @Test
    void perspectiveRewardsAnotherDepartmentAndLocation() {
        Person sameDepartment = person("m2", 4, "Engineering", LISBON, Map.of("Kotlin", 5), List.of());
        Person elsewhere = new Person("m3", 4, "Finance", "Berlin", ZoneId.of("Europe/Berlin"), Set.of("en"),
                Map.of("Kotlin", 5), List.of(), List.of(), 3, 0, 0, 0);
        assertEquals(0.0, classic.score(mentee(), sameDepartment).breakdown().of(ScoreBreakdown.Component.PERSPECTIVE));
        PairScore far = classic.score(mentee(), elsewhere);
        assertEquals(0.10, far.breakdown().of(ScoreBreakdown.Component.PERSPECTIVE), 1e-12);
        assertTrue(far.reasons().contains("different location: Berlin"));
        assertTrue(far.reasons().contains("7 hours of overlapping working time"));
    }

    @Test
    void workingHoursOverlapAcrossTimeZones() {
        Person lisbon = person("a", 1, "X", LISBON, Map.of(), List.of());
        Person newYork = person("b", 1, "X", ZoneId.of("America/New_York"), Map.of(), List.of());
        Person tokyo = person("c", 1, "X", ZoneId.of("Asia/Tokyo"), Map.of(), List.of());
        Person earlyNewYork = new Person("d", 1, "X", "NY", ZoneId.of("America/New_York"), Set.of("en"), Map.of(),
                List.of(), List.of(new WorkingWindow(LocalTime.of(6, 0), LocalTime.of(14, 0))), 1, 0, 0, 0);
        Person nightShift = new Person("e", 1, "X", "Lisbon", LISBON, Set.of("en"), Map.of(), List.of(),
                List.of(new WorkingWindow(LocalTime.of(22, 0), LocalTime.of(6, 0))), 1, 0, 0, 0);
        assertEquals(3.0, PairFeatures.overlapHours(lisbon, newYork), 1e-9);
        assertEquals(3.0, PairFeatures.overlapHours(newYork, lisbon), 1e-9);
        assertEquals(0.0, PairFeatures.overlapHours(tokyo, newYork), 1e-9);
        assertEquals(6.0, PairFeatures.overlapHours(lisbon, earlyNewYork), 1e-9);
        // Tokyo 9-17 is 0-8 in Lisbon in January; the night shift 22-6 overlaps 0-6.
        assertEquals(6.0, PairFeatures.overlapHours(tokyo, nightShift), 1e-9);
        assertEquals(0.10 * 3 / 4, classic.score(lisbon, newYork).breakdown().of(ScoreBreakdown.Component.WORKING_HOURS),
                1e-12);
        assertTrue(classic.score(tokyo, newYork).reasons().contains("no overlapping working time"));
    }

    @Test
    void qualityIsADampedAverage() {
        // Prior 3.5 worth 5 ratings: two 5-star ratings give (17.5 + 10) / 7.
        assertEquals(27.5 / 7, PairFeatures.dampedRating(2, 10, Weights.DEFAULTS), 1e-12);
        assertEquals(3.5, PairFeatures.dampedRating(0, 0, Weights.DEFAULTS), 1e-12);
        Person newStar = new Person("s", 4, "Finance", "Lisbon", LISBON, Set.of("en"), Map.of("Kotlin", 5), List.of(),
                List.of(), 3, 0, 2, 10);
        Person provenMentor = new Person("p", 4, "Finance", "Lisbon", LISBON, Set.of("en"), Map.of("Kotlin", 5),
                List.of(), List.of(), 3, 0, 40, 40 * 4.8);
        double star = classic.score(mentee(), newStar).breakdown().of(ScoreBreakdown.Component.QUALITY);
        double proven = classic.score(mentee(), provenMentor).breakdown().of(ScoreBreakdown.Component.QUALITY);
        assertTrue(proven > star, "forty 4.8 ratings outweigh two 5s");
        assertTrue(classic.score(mentee(), provenMentor).reasons().contains("rated 4.8 of 5 by 40 mentees"));
    }

    @Test
    void remainingCapacityCountsAndZeroCapacityExcludes() {
        Person busy = new Person("busy", 4, "Finance", "Lisbon", LISBON, Set.of("en"), Map.of(), List.of(), List.of(),
                3, 2, 0, 0);
        Person full = new Person("full", 4, "Finance", "Lisbon", LISBON, Set.of("en"), Map.of(), List.of(), List.of(),
                3, 3, 0, 0);
        assertEquals(0.05 / 3, classic.score(mentee(), busy).breakdown().of(ScoreBreakdown.Component.CAPACITY), 1e-12);
        assertEquals(0.05, classic.score(mentee(), mentor()).breakdown().of(ScoreBreakdown.Component.CAPACITY), 1e-12);
        assertEquals(Optional.of(Exclusion.NO_CAPACITY), classic.exclusion(mentee(), full));
    }

    @Test
    void aLevelNobodyGaveIsNeitherScoredNorNamed() {
        Person unlevelled = new Person("mentor", Person.UNKNOWN_LEVEL, "Finance", "Lisbon", LISBON, Set.of("en"),
                Map.of("Kotlin", 5), List.of(), List.of(), 3, 0, 0, 0);
        PairScore score = classic.score(mentee(), unlevelled);
        assertTrue(score.reasons().stream().noneMatch(r -> r.contains("level")), score.reasons().toString());
        // Halfway: as likely a good fit as a bad one (the weight of seniority in the classic kind is 0.15).
        assertEquals(0.15 * 0.5, score.breakdown().of(ScoreBreakdown.Component.SENIORITY), 1e-12);
        assertEquals(0, PairFeatures.of(mentee(), unlevelled, MentoringKind.CLASSIC, Weights.DEFAULTS).levelGap());
        assertTrue(classic.score(mentee(), mentor()).reasons().contains("works 2 levels above you"));
    }

    @Test
    void aLanguageIsSharedWhateverRegionOrScriptEachGave() {
        Person british = new Person("gb", 2, "Sales", "London", ZoneId.of("Europe/London"), Set.of("en-GB", "sr-Latn"),
                Map.of(), List.of(new Goal("Kotlin", 3, 3)), List.of(), 3, 0, 0, 0);
        Person american = new Person("us", 4, "Sales", "Boston", ZoneId.of("America/New_York"),
                Set.of("en-US", "es-419", "sr-Cyrl-RS"), Map.of("Kotlin", 4), List.of(), List.of(), 3, 0, 0, 0);
        assertEquals(Set.of("en", "sr"), british.languages());
        assertEquals(Optional.empty(), classic.exclusion(british, american));
        assertTrue(classic.score(british, american).reasons().contains("speaks English, Serbian with you"));
        Person spanish = new Person("es", 4, "Sales", "Madrid", ZoneId.of("Europe/Madrid"), Set.of("es-ES"), Map.of(),
                List.of(), List.of(), 3, 0, 0, 0);
        assertEquals(Optional.of(Exclusion.NO_SHARED_LANGUAGE), classic.exclusion(british, spanish));
        assertEquals(Optional.empty(), classic.exclusion(american, spanish));
    }

    @Test
    void hardConstraints() {
        Person french = new Person("fr", 4, "Finance", "Paris", ZoneId.of("Europe/Paris"), Set.of("fr"), Map.of(),
                List.of(), List.of(), 3, 0, 0, 0);
        assertEquals(Optional.of(Exclusion.SELF), classic.exclusion(mentee(), mentee()));
        assertEquals(Optional.of(Exclusion.NO_SHARED_LANGUAGE), classic.exclusion(mentee(), french));
        assertEquals(Optional.empty(), classic.evaluate(mentee(), french));
        assertTrue(classic.evaluate(mentee(), mentor()).isPresent());

        Scoring ended = new Scoring(MentoringKind.CLASSIC, Weights.DEFAULTS, OrgChart.empty(),
                Set.of(new PairKey("mentee", "mentor")), (a, b) -> true);
        assertEquals(Optional.of(Exclusion.PAIR_ENDED), ended.exclusion(mentee(), mentor()));
        // Either way round: the mentor of the pair that ended is not proposed as the other's mentee either.
        assertEquals(Optional.of(Exclusion.PAIR_ENDED), ended.exclusion(mentor(), mentee()));

        Scoring financeOnly = new Scoring(MentoringKind.CLASSIC, Weights.DEFAULTS, OrgChart.empty(), Set.of(),
                (a, b) -> "Engineering".equals(b.department()));
        assertEquals(Optional.of(Exclusion.NOT_ELIGIBLE), financeOnly.exclusion(mentee(), mentor()));
    }

    @Test
    void managementChainExcludesBothWays() {
        // mentee -> lead -> mentor (mentor is the mentee's skip-level manager); "other" is elsewhere.
        OrgChart chart = new OrgChart(Map.of("mentee", "lead", "lead", "mentor", "other", "ceo", "mentor", "ceo"));
        Scoring scoring = Scoring.defaults(MentoringKind.CLASSIC, chart);
        assertEquals(Optional.of(Exclusion.MANAGEMENT_CHAIN), scoring.exclusion(mentee(), mentor()));
        assertEquals(Optional.of(Exclusion.MANAGEMENT_CHAIN), scoring.exclusion(mentor(), mentee()));
        Person other = person("other", 4, "Finance", LISBON, Map.of(), List.of());
        assertEquals(Optional.empty(), scoring.exclusion(mentee(), other));
        assertTrue(chart.reportsTo("mentee", "ceo"));
        assertTrue(!chart.sameChain("other", "mentee"));
    }

    @Test
    void weightsCanBeOverridden() {
        Weights goalsOnly = new Weights(1, 0, 0, 0, 0, 0, 4, 3.5, 5);
        Scoring scoring = new Scoring(MentoringKind.CLASSIC, goalsOnly, OrgChart.empty(), Set.of(), (a, b) -> true);
        assertEquals(6.5 / 7, scoring.score(mentee(), mentor()).score(), 1e-12);
        assertEquals(classic.score(mentee(), mentor()), classic.score(mentee(), mentor()));
    }
}
