package org.mentoring.matching.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

import org.mentoring.platform.web.LanguageTags;

/**
 * Scores mentee-mentor pairs for one mentoring kind: hard constraints first, then a weighted sum of the
 * {@link PairFeatures} components, with the breakdown and the reasons a mentee reads. Pure and
 * deterministic: the same people and settings always give the same score and the same sentences.
 */
public final class Scoring {

    private final MentoringKind kind;
    private final Weights weights;
    private final OrgChart orgChart;
    private final Set<PairKey> endedPairs;
    private final BiPredicate<Person, Person> eligible;

    /**
     * @param endedPairs pairs (mentee, mentor) whose mentorship ended early: neither way round is proposed again
     * @param eligible the programme's eligibility rule for a (mentee, mentor) pair
     */
    public Scoring(MentoringKind kind, Weights weights, OrgChart orgChart, Set<PairKey> endedPairs,
            BiPredicate<Person, Person> eligible) {
        this.kind = kind;
        this.weights = weights;
        this.orgChart = orgChart;
        this.endedPairs = Set.copyOf(endedPairs);
        this.eligible = eligible;
    }

    public static Scoring defaults(MentoringKind kind, OrgChart orgChart) {
        return new Scoring(kind, Weights.DEFAULTS, orgChart, Set.of(), (mentee, mentor) -> true);
    }

    public MentoringKind kind() {
        return kind;
    }

    /** The first hard constraint the pair breaks, if any. */
    public Optional<Exclusion> exclusion(Person mentee, Person mentor) {
        if (mentee.id().equals(mentor.id())) {
            return Optional.of(Exclusion.SELF);
        }
        if (mentor.remainingCapacity() <= 0) {
            return Optional.of(Exclusion.NO_CAPACITY);
        }
        if (mentee.languages().stream().noneMatch(mentor.languages()::contains)) {
            return Optional.of(Exclusion.NO_SHARED_LANGUAGE);
        }
        // Either way round: who mentored whom in the mentorship that ended early does not make them a pair again.
        if (endedPairs.contains(new PairKey(mentee.id(), mentor.id()))
                || endedPairs.contains(new PairKey(mentor.id(), mentee.id()))) {
            return Optional.of(Exclusion.PAIR_ENDED);
        }
        if (orgChart.sameChain(mentee.id(), mentor.id())) {
            return Optional.of(Exclusion.MANAGEMENT_CHAIN);
        }
        if (!eligible.test(mentee, mentor)) {
            return Optional.of(Exclusion.NOT_ELIGIBLE);
        }
        return Optional.empty();
    }

    /** The pair's score, or empty when a hard constraint excludes it. */
    public Optional<PairScore> evaluate(Person mentee, Person mentor) {
        return exclusion(mentee, mentor).isPresent() ? Optional.empty() : Optional.of(score(mentee, mentor));
    }

    /** Scores a pair without checking hard constraints (callers check {@link #exclusion} first). */
    public PairScore score(Person mentee, Person mentor) {
        PairFeatures f = PairFeatures.of(mentee, mentor, kind, weights);
        Map<ScoreBreakdown.Component, Double> parts = new EnumMap<>(ScoreBreakdown.Component.class);
        parts.put(ScoreBreakdown.Component.GOALS, weights.goals() * f.goalCoverage());
        parts.put(ScoreBreakdown.Component.SENIORITY, weights.seniority() * f.seniorityFit());
        double perspective = (f.otherDepartment() ? 0.6 : 0) + (f.otherLocation() ? 0.4 : 0);
        parts.put(ScoreBreakdown.Component.PERSPECTIVE, weights.perspective() * perspective);
        parts.put(ScoreBreakdown.Component.WORKING_HOURS,
                weights.workingHours() * Math.min(1.0, f.overlapHours() / weights.fullOverlapHours()));
        // Spreading load: a mentor's last free place counts a little less than the first of three.
        parts.put(ScoreBreakdown.Component.CAPACITY, weights.capacity() * Math.min(3, f.remainingCapacity()) / 3.0);
        parts.put(ScoreBreakdown.Component.QUALITY, weights.quality() * f.quality());
        ScoreBreakdown breakdown = new ScoreBreakdown(parts);
        return new PairScore(mentee.id(), mentor.id(), breakdown.total(), breakdown, reasons(f, mentor));
    }

    private List<String> reasons(PairFeatures f, Person mentor) {
        List<String> reasons = new ArrayList<>();
        if (!f.coveredGoals().isEmpty()) {
            reasons.add(f.coveredGoals().size() == f.goalCount() && f.goalCount() == 1
                    ? "covers your goal: " + f.coveredGoals().get(0)
                    : "covers " + f.coveredGoals().size() + " of your " + f.goalCount() + " goals: "
                            + String.join(", ", f.coveredGoals()));
        }
        if (!f.partlyCoveredGoals().isEmpty()) {
            reasons.add("some experience in " + String.join(", ", f.partlyCoveredGoals()));
        }
        // Nothing is said about a seniority nobody gave.
        if (f.levelsKnown()) {
            int gap = f.levelGap();
            reasons.add(gap == 0 ? "works at your level" : "works " + Math.abs(gap)
                    + (Math.abs(gap) == 1 ? " level " : " levels ") + (gap > 0 ? "above" : "below") + " you");
        }
        if (f.otherDepartment() && mentor.department() != null) {
            reasons.add("different department: " + mentor.department());
        }
        if (f.otherLocation() && mentor.location() != null) {
            reasons.add("different location: " + mentor.location());
        }
        reasons.add("speaks " + f.sharedLanguages().stream().map(LanguageTags::englishName)
                .collect(Collectors.joining(", ")) + " with you");
        if (f.overlapHours() > 0) {
            reasons.add(hours(f.overlapHours()) + " of overlapping working time");
        } else {
            reasons.add("no overlapping working time");
        }
        if (mentor.ratingCount() > 0) {
            reasons.add(String.format(Locale.ROOT, "rated %.1f of 5 by %d mentee%s", mentor.ratingSum() / mentor.ratingCount(),
                    mentor.ratingCount(), mentor.ratingCount() == 1 ? "" : "s"));
        }
        return reasons;
    }

    private static String hours(double h) {
        double rounded = Math.round(h * 2) / 2.0;
        String n = rounded == Math.floor(rounded) ? String.valueOf((long) rounded) : String.format(Locale.ROOT, "%.1f", rounded);
        return n + (rounded == 1 ? " hour" : " hours");
    }
}
