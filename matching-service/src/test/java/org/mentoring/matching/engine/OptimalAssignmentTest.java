package org.mentoring.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OptimalAssignmentTest {

    @Test
    void prefersTotalWeightOverCardinality() {
        CandidateGraph g = CandidateGraph.builder()
                .mentor("m1", 1).mentor("m2", 1)
                .arc("a", "m1", 10).arc("a", "m2", 1).arc("b", "m1", 1)
                .build();
        Assignment result = OptimalAssignment.solve(g);
        assertEquals(List.of(new Assignment.Match("a", "m1", 10, false)), result.matches());
        assertEquals(List.of(new Assignment.Unmatched("b", Assignment.UnmatchedReason.ELIGIBLE_MENTORS_AT_CAPACITY)),
                result.unmatched());
        assertEquals(10.0, result.objective(), 1e-12);
    }

    @Test
    void reroutesAnEarlierMenteeWhenThatRaisesTheTotal() {
        CandidateGraph g = CandidateGraph.builder()
                .mentor("m1", 1).mentor("m2", 1)
                .arc("a", "m1", 5).arc("a", "m2", 4).arc("b", "m1", 5).arc("b", "m2", 1)
                .build();
        Assignment result = OptimalAssignment.solve(g);
        assertEquals(List.of(new Assignment.Match("a", "m2", 4, false), new Assignment.Match("b", "m1", 5, false)),
                result.matches());
        assertEquals(9.0, result.objective(), 1e-12);
    }

    @Test
    void reportsWhyMenteesStayUnmatched() {
        CandidateGraph g = CandidateGraph.builder()
                .mentor("m1", 2)
                .mentee("lonely")
                .arc("negative", "m1", -0.5)
                .arc("forbidden", "m1", 3)
                .build();
        Assignment result = OptimalAssignment.solve(g, Set.of(), Set.of(new PairKey("forbidden", "m1")));
        assertEquals(List.of(
                new Assignment.Unmatched("forbidden", Assignment.UnmatchedReason.NO_ELIGIBLE_MENTOR),
                new Assignment.Unmatched("lonely", Assignment.UnmatchedReason.NO_ELIGIBLE_MENTOR),
                new Assignment.Unmatched("negative", Assignment.UnmatchedReason.NO_BENEFICIAL_MENTOR)),
                result.unmatched());
        assertEquals(List.of(), result.matches());
    }

    @Test
    void pinsTakeCapacityFirst() {
        CandidateGraph g = CandidateGraph.builder()
                .mentor("m1", 1).mentor("m2", 1)
                .arc("a", "m1", 9).arc("b", "m1", 2).arc("b", "m2", 1)
                .build();
        Assignment result = OptimalAssignment.solve(g, Set.of(new PairKey("b", "m1")), Set.of());
        assertEquals(List.of(new Assignment.Match("b", "m1", 2, true)), result.matches());
        assertEquals(Assignment.UnmatchedReason.ELIGIBLE_MENTORS_AT_CAPACITY, result.unmatched().get(0).reason());
        assertThrows(IllegalArgumentException.class, () -> OptimalAssignment.solve(g,
                Set.of(new PairKey("a", "m1"), new PairKey("b", "m1")), Set.of()));
    }

    @Test
    void insertionOrderDoesNotChangeTheResult() {
        CandidateGraph one = CandidateGraph.builder().mentor("m1", 1).mentor("m2", 1)
                .arc("a", "m1", 1).arc("b", "m1", 1).arc("a", "m2", 1).arc("b", "m2", 1).build();
        CandidateGraph two = CandidateGraph.builder().mentor("m2", 1).mentor("m1", 1)
                .arc("b", "m2", 1).arc("a", "m2", 1).arc("b", "m1", 1).arc("a", "m1", 1).build();
        assertEquals(OptimalAssignment.solve(one), OptimalAssignment.solve(two));
    }
}
