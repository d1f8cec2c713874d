package org.mentoring.matching.engine;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.mentoring.platform.web.LanguageTags;

/**
 * What the engine knows about one participant, on either side of a pair.
 *
 * @param level seniority level, higher is more senior; {@link #UNKNOWN_LEVEL} when the HRIS gave none
 * @param languages the languages the person speaks, as language tags; kept as their language subtags only
 *        ({@code en} for {@code en-GB}), since a pair who gave en-GB and en-US can mentor each other in English
 * @param skills skill name -> proficiency 1-5
 * @param goals the mentee's goals, in the order the mentee listed them
 * @param workingHours daily windows in {@code zone}; empty means 9:00-17:00 local
 * @param capacity how many mentees the person takes at most as a mentor
 * @param activeMentees mentees the person already has
 * @param ratingCount how many feedback ratings (1-5) the person received as a mentor
 * @param ratingSum the sum of those ratings
 */
public record Person(String id, int level, String department, String location, ZoneId zone, Set<String> languages,
        Map<String, Integer> skills, List<Goal> goals, List<WorkingWindow> workingHours, int capacity,
        int activeMentees, int ratingCount, double ratingSum) {

    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(zone, "zone");
        languages = languages.stream().map(LanguageTags::language).collect(Collectors.toUnmodifiableSet());
        skills = Map.copyOf(skills);
        goals = List.copyOf(goals);
        workingHours = workingHours.isEmpty() ? List.of(WorkingWindow.OFFICE_HOURS) : List.copyOf(workingHours);
        if (capacity < 0 || activeMentees < 0 || ratingCount < 0) {
            throw new IllegalArgumentException("negative capacity, load or rating count for " + id);
        }
    }

    /** The level of someone whose profile has none: seniority then neither helps nor hurts a pair, and is not named. */
    public static final int UNKNOWN_LEVEL = Integer.MIN_VALUE;

    public boolean levelKnown() {
        return level != UNKNOWN_LEVEL;
    }

    public int remainingCapacity() {
        return Math.max(0, capacity - activeMentees);
    }
}
