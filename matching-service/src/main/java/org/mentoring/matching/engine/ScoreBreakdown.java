package org.mentoring.matching.engine;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Each component's contribution (weight x component value) to a pair's score; they add up to the total. */
public record ScoreBreakdown(Map<Component, Double> contributions) {

    public enum Component { GOALS, SENIORITY, PERSPECTIVE, WORKING_HOURS, CAPACITY, QUALITY }

    public ScoreBreakdown {
        contributions = Collections.unmodifiableMap(new EnumMap<>(contributions));
    }

    public double total() {
        double total = 0;
        for (double c : contributions.values()) {
            total += c;
        }
        return total;
    }

    public double of(Component component) {
        return contributions.getOrDefault(component, 0.0);
    }
}
