package org.mentoring.matching.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Builds the sparse candidate graph: for each mentee, the top-K mentors that pass the hard constraints,
 * best score first, ties by mentor id.
 *
 * <p>An inverted index (skill -> mentors with that skill) limits exact scoring to mentors who can cover at
 * least one of the mentee's goals, instead of all mentors; a bounded heap keeps the best K. Per mentee:
 * O(C log K) for C mentors sharing a goal skill (every mentor when the mentee has no goals yet).
 */
public final class CandidateGenerator {

    /** Best first; equal scores in mentor id order, so the cut at K is deterministic. */
    private static final Comparator<PairScore> BEST_FIRST = Comparator.comparingDouble(PairScore::score).reversed()
            .thenComparing(PairScore::mentorId);

    private final Scoring scoring;
    private final Person[] mentors;
    private final Map<String, int[]> mentorsBySkill;

    public CandidateGenerator(Scoring scoring, Collection<Person> mentors) {
        this.scoring = scoring;
        this.mentors = mentors.stream().sorted(Comparator.comparing(Person::id)).toArray(Person[]::new);
        Map<String, List<Integer>> index = new HashMap<>();
        for (int j = 0; j < this.mentors.length; j++) {
            for (String skill : this.mentors[j].skills().keySet()) {
                index.computeIfAbsent(skill, s -> new ArrayList<>()).add(j);
            }
        }
        this.mentorsBySkill = new HashMap<>();
        index.forEach((skill, list) -> mentorsBySkill.put(skill, list.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** The best {@code k} eligible mentors for one mentee, best first. */
    public List<PairScore> topK(Person mentee, int k) {
        PriorityQueue<PairScore> best = new PriorityQueue<>(BEST_FIRST.reversed());
        boolean[] considered = new boolean[mentors.length];
        if (mentee.goals().isEmpty()) {
            for (int j = 0; j < mentors.length; j++) {
                offer(best, mentee, j, k);
            }
        } else {
            for (Goal goal : mentee.goals()) {
                for (int j : mentorsBySkill.getOrDefault(goal.skill(), new int[0])) {
                    if (!considered[j]) {
                        considered[j] = true;
                        offer(best, mentee, j, k);
                    }
                }
            }
        }
        List<PairScore> result = new ArrayList<>(best);
        result.sort(BEST_FIRST);
        return result;
    }

    private void offer(PriorityQueue<PairScore> best, Person mentee, int j, int k) {
        scoring.evaluate(mentee, mentors[j]).ifPresent(score -> {
            if (best.size() < k) {
                best.add(score);
            } else if (BEST_FIRST.compare(score, best.peek()) < 0) {
                best.poll();
                best.add(score);
            }
        });
    }

    /** The candidate graph of a cohort, with the scored pairs for explanations. */
    public Candidates candidates(Collection<Person> mentees, int k) {
        CandidateGraph.Builder graph = CandidateGraph.builder();
        for (Person mentor : mentors) {
            graph.mentor(mentor.id(), mentor.remainingCapacity());
        }
        Map<PairKey, PairScore> scores = new HashMap<>();
        for (Person mentee : mentees) {
            graph.mentee(mentee.id());
            for (PairScore s : topK(mentee, k)) {
                graph.arc(s.menteeId(), s.mentorId(), s.score());
                scores.put(new PairKey(s.menteeId(), s.mentorId()), s);
            }
        }
        return new Candidates(graph.build(), scores);
    }

    /** A cohort's candidate graph and the scores (with breakdown and reasons) of its arcs. */
    public record Candidates(CandidateGraph graph, Map<PairKey, PairScore> scores) {
        public Candidates {
            scores = Map.copyOf(scores);
        }
    }
}
