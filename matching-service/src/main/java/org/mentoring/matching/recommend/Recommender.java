package org.mentoring.matching.recommend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.mentoring.matching.engine.CandidateGenerator;
import org.mentoring.matching.engine.Goal;
import org.mentoring.matching.engine.MentoringKind;
import org.mentoring.matching.engine.OrgChart;
import org.mentoring.matching.engine.PairKey;
import org.mentoring.matching.engine.PairScore;
import org.mentoring.matching.engine.Person;
import org.mentoring.matching.engine.ScoreBreakdown;
import org.mentoring.matching.engine.Scoring;
import org.mentoring.matching.engine.Weights;
import org.mentoring.platform.web.LanguageTags;
import org.mentoring.platform.web.ProblemException;

/**
 * Top-k recommendations for one person. Candidate generation takes, round-robin over the person's goals, the most
 * proficient people in each goal skill from the {@link CandidateIndex} (at most {@value #SHORTLIST} in all; people
 * with any skill when the person has no goals yet), drops hard-constraint violations, filtered-out people and
 * people already in an open or ended-early mentorship with the person, then the engine scores the shortlist
 * exactly ({@link CandidateGenerator}, {@link Scoring}). Cost: O(shortlist x goals) per request.
 */
@ApplicationScoped
public class Recommender {

    static final int SHORTLIST = 500;

    @Inject
    CandidateIndex index;

    @Inject
    EntityManager em;

    /** Filters a caller may add; null means any. */
    public record Filters(String language, String location, String department) {
    }

    @Transactional
    public RecommendationPage recommend(UUID profileId, String kind, int limit, Filters filters) {
        MentoringKind engineKind = switch (kind) {
            case "mentor" -> MentoringKind.CLASSIC;
            case "peer" -> MentoringKind.PEER;
            case "reverse" -> MentoringKind.REVERSE;
            default -> throw ProblemException.invalid("kind", "must be mentor, peer or reverse");
        };
        String role = engineKind == MentoringKind.PEER ? "peer" : "mentor";
        CandidateIndex.Snapshot snapshot = index.current();
        if (snapshot.get(profileId).isEmpty()) {
            // A person who just arrived should not wait for the next scheduled check.
            index.expire();
            snapshot = index.current();
        }
        Candidate me = snapshot.get(profileId).orElseThrow(() -> ProblemException.notFound("Profile", profileId));

        Set<UUID> open = new HashSet<>();
        Set<PairKey> ended = new HashSet<>();
        @SuppressWarnings("unchecked")
        List<Object[]> mine = em.createNativeQuery("""
                SELECT CASE WHEN mentor_id = :p THEN mentee_id ELSE mentor_id END, status, end_reason
                FROM matching.mentorship WHERE (mentor_id = :p OR mentee_id = :p)
                  AND (status IN ('pending', 'active', 'paused') OR end_reason = 'ended_early')""")
                .setParameter("p", profileId).getResultList();
        for (Object[] row : mine) {
            UUID other = (UUID) row[0];
            if ("ended_early".equals(row[2])) {
                ended.add(new PairKey(profileId.toString(), other.toString()));
            } else {
                open.add(other);
            }
        }

        List<Candidate> shortlist = shortlist(snapshot, me, role, filters, open);
        Map<UUID, Integer> load = load(shortlist);
        Map<String, String> managerOf = new HashMap<>();
        chain(managerOf, me);
        List<Person> people = new ArrayList<>(shortlist.size());
        Map<String, Candidate> byId = new HashMap<>();
        for (Candidate c : shortlist) {
            chain(managerOf, c);
            Person p = c.person();
            people.add(new Person(p.id(), p.level(), p.department(), p.location(), p.zone(), p.languages(),
                    p.skills(), p.goals(), p.workingHours(), p.capacity(), load.getOrDefault(c.id(), 0),
                    p.ratingCount(), p.ratingSum()));
            byId.put(p.id(), c);
        }
        Scoring scoring = new Scoring(engineKind, Weights.DEFAULTS, new OrgChart(managerOf), ended,
                (mentee, mentor) -> true);
        List<Recommendation> items = new ArrayList<>();
        for (PairScore s : new CandidateGenerator(scoring, people).topK(me.person(), limit)) {
            Candidate c = byId.get(s.mentorId());
            items.add(new Recommendation(c.id(), c.displayName(), c.jobTitle(), c.department(), c.location(),
                    points(s.score()), breakdown(s.breakdown()), reasons(s.reasons(), c)));
        }
        return new RecommendationPage(profileId, kind, items);
    }

    private List<Candidate> shortlist(CandidateIndex.Snapshot snapshot, Candidate me, String role, Filters filters,
                                      Set<UUID> open) {
        List<Candidate> shortlist = new ArrayList<>();
        Set<UUID> taken = new HashSet<>();
        List<Candidate[]> lists = new ArrayList<>();
        for (Goal goal : me.person().goals()) {
            Candidate[] list = snapshot.bySkill().get(goal.skill());
            if (list != null) {
                lists.add(list);
            }
        }
        if (lists.isEmpty()) {
            lists.add(snapshot.byId().values().toArray(Candidate[]::new));
        }
        int[] next = new int[lists.size()];
        boolean more = true;
        while (more && shortlist.size() < SHORTLIST) {
            more = false;
            for (int i = 0; i < lists.size() && shortlist.size() < SHORTLIST; i++) {
                Candidate[] list = lists.get(i);
                while (next[i] < list.length) {
                    Candidate c = list[next[i]++];
                    if (taken.add(c.id()) && fits(c, me, role, filters, open)) {
                        shortlist.add(c);
                        break;
                    }
                }
                more |= next[i] < list.length;
            }
        }
        return shortlist;
    }

    private static boolean fits(Candidate c, Candidate me, String role, Filters filters, Set<UUID> open) {
        return !c.id().equals(me.id()) && c.available() && c.roles().contains(role) && !open.contains(c.id())
                && !c.sameChain(me) && c.person().languages().stream().anyMatch(me.person().languages()::contains)
                && (filters.language() == null || LanguageTags.anyWithin(c.languages(), filters.language()))
                && (filters.location() == null || filters.location().equalsIgnoreCase(c.location()))
                && (filters.department() == null || filters.department().equalsIgnoreCase(c.department()));
    }

    /** How many active or paused mentees each shortlisted person has now. */
    private Map<UUID, Integer> load(List<Candidate> shortlist) {
        Map<UUID, Integer> load = new HashMap<>();
        if (shortlist.isEmpty()) {
            return load;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT mentor_id, count(*) FROM matching.mentorship
                WHERE mentor_id = ANY(CAST(:ids AS uuid[])) AND status IN ('active', 'paused') GROUP BY mentor_id""")
                .setParameter("ids", shortlist.stream().map(c -> c.id().toString())
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .getResultList();
        for (Object[] row : rows) {
            load.put((UUID) row[0], ((Number) row[1]).intValue());
        }
        return load;
    }

    private static void chain(Map<String, String> managerOf, Candidate c) {
        String below = c.id().toString();
        for (UUID manager : c.chain()) {
            managerOf.putIfAbsent(below, manager.toString());
            below = manager.toString();
        }
    }

    /**
     * The engine words a mentor's rating from a count and a sum; matching holds the damped quality feedback-service
     * sends, so that sentence is told from the quality itself.
     */
    private static List<String> reasons(List<String> reasons, Candidate c) {
        if (c.quality() == null) {
            return reasons;
        }
        return reasons.stream().map(r -> r.startsWith("rated ") ? String.format(Locale.ROOT,
                "rated %.1f of 5 by %d mentee%s", c.quality(), c.ratingCount(), c.ratingCount() == 1 ? "" : "s") : r)
                .toList();
    }

    private static double points(double score) {
        return Math.round(score * 1000) / 10.0;
    }

    private static Map<String, Double> breakdown(ScoreBreakdown breakdown) {
        Map<String, Double> parts = new LinkedHashMap<>();
        for (ScoreBreakdown.Component component : ScoreBreakdown.Component.values()) {
            String name = component.name().toLowerCase(Locale.ROOT).replace("working_hours", "workingHours");
            parts.put(name, points(breakdown.of(component)));
        }
        return parts;
    }
}
