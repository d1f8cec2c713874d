package org.mentoring.matching.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The measurable facts about a mentee-mentor pair, each component normalised to [0, 1], before weighting.
 *
 * @param goalCoverage priority-weighted share of the mentee's goals the mentor's proficiency reaches
 * @param coveredGoals the goals the mentor fully covers, in the mentee's order
 * @param partlyCoveredGoals goals where the mentor has the skill below the target level
 * @param levelGap mentor level minus mentee level; 0 when either level is unknown
 * @param levelsKnown whether both levels are known (else the seniority fit is {@link #UNKNOWN_SENIORITY_FIT})
 * @param sharedLanguages languages both speak, sorted
 * @param overlapHours daily hours both are at work
 * @param quality damped average rating mapped from 1-5 to [0, 1]
 * @param dampedRating the damped average rating itself (1-5)
 */
public record PairFeatures(double goalCoverage, List<String> coveredGoals, List<String> partlyCoveredGoals,
        int goalCount, int levelGap, boolean levelsKnown, double seniorityFit, boolean otherDepartment,
        boolean otherLocation, Set<String> sharedLanguages, double overlapHours, int remainingCapacity, double quality,
        double dampedRating) {

    /**
     * Working hours are compared on one fixed day so a score does not change with the calendar; daylight
     * saving differences across the year move overlaps by at most an hour.
     */
    static final LocalDate REFERENCE_DAY = LocalDate.of(2026, 1, 14);

    public static PairFeatures of(Person mentee, Person mentor, MentoringKind kind, Weights weights) {
        double wanted = 0;
        double reached = 0;
        List<String> covered = new ArrayList<>();
        List<String> partly = new ArrayList<>();
        for (Goal goal : mentee.goals()) {
            int proficiency = mentor.skills().getOrDefault(goal.skill(), 0);
            double credit = Math.min(1.0, proficiency / (double) goal.targetLevel());
            wanted += goal.priority();
            reached += goal.priority() * credit;
            if (credit >= 1.0) {
                covered.add(goal.skill());
            } else if (credit > 0) {
                partly.add(goal.skill());
            }
        }
        boolean levelsKnown = mentee.levelKnown() && mentor.levelKnown();
        int gap = levelsKnown ? mentor.level() - mentee.level() : 0;
        Set<String> shared = new TreeSet<>(mentee.languages());
        shared.retainAll(mentor.languages());
        double rating = dampedRating(mentor.ratingCount(), mentor.ratingSum(), weights);
        return new PairFeatures(wanted == 0 ? 0 : reached / wanted, covered, partly, mentee.goals().size(), gap,
                levelsKnown, levelsKnown ? seniorityFit(kind, gap) : UNKNOWN_SENIORITY_FIT,
                !eq(mentee.department(), mentor.department()), !eq(mentee.location(), mentor.location()), shared, overlapHours(mentee, mentor),
                mentor.remainingCapacity(), (rating - 1) / 4, rating);
    }

    /**
     * Bayesian average: the prior counts as {@code qualityPriorWeight} ratings of {@code qualityPriorMean},
     * so a mentor with two 5-star ratings does not outrank one with forty 4.8s.
     */
    static double dampedRating(int count, double sum, Weights weights) {
        return (weights.qualityPriorMean() * weights.qualityPriorWeight() + sum)
                / (weights.qualityPriorWeight() + count);
    }

    /** The seniority fit of a pair one of whose levels is unknown: halfway, as likely right as wrong. */
    static final double UNKNOWN_SENIORITY_FIT = 0.5;

    /** Classic: 1-3 levels above is ideal; peer: same or adjacent level; reverse: the mentor is junior. */
    static double seniorityFit(MentoringKind kind, int gap) {
        return switch (kind) {
            case CLASSIC -> gap >= 1 && gap <= 3 ? 1.0 : gap == 4 ? 0.5 : gap > 4 ? 0.25 : 0.0;
            case PEER -> gap == 0 ? 1.0 : Math.abs(gap) == 1 ? 0.6 : Math.abs(gap) == 2 ? 0.2 : 0.0;
            case REVERSE -> gap <= -1 ? 1.0 : 0.0;
        };
    }

    /** Overlap of both people's daily windows, compared as instants on the reference day (and its neighbours). */
    static double overlapHours(Person a, Person b) {
        long seconds = 0;
        for (WorkingWindow wa : a.workingHours()) {
            Instant[] x = interval(wa, a, REFERENCE_DAY);
            for (int shift = -1; shift <= 1; shift++) {
                for (WorkingWindow wb : b.workingHours()) {
                    Instant[] y = interval(wb, b, REFERENCE_DAY.plusDays(shift));
                    Instant start = x[0].isAfter(y[0]) ? x[0] : y[0];
                    Instant end = x[1].isBefore(y[1]) ? x[1] : y[1];
                    if (end.isAfter(start)) {
                        seconds += Duration.between(start, end).getSeconds();
                    }
                }
            }
        }
        return seconds / 3600.0;
    }

    private static Instant[] interval(WorkingWindow w, Person p, LocalDate day) {
        Instant start = day.atTime(w.start()).atZone(p.zone()).toInstant();
        LocalDate endDay = w.end().isAfter(w.start()) ? day : day.plusDays(1);
        return new Instant[] {start, endDay.atTime(w.end()).atZone(p.zone()).toInstant()};
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
