package org.mentoring.local;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The workload: mostly reads (profiles, search, recommendations, one's mentorships, sessions, goals, kudos) and some
 * writes that leave the population as they found it, so a run can go on for as long as asked without running out
 * of capacity: a mentorship request that is then withdrawn, a session scheduled in an active mentorship and then
 * cancelled, kudos. Each write is valid, so any refusal counts as an error.
 */
final class LoadMix {

    /** One kind of work, which may take several calls; the first call's latency counts from {@code since}. */
    private interface Operation {
        void run(LoadCalls calls, long since) throws LoadCalls.Failed;
    }

    private record Weighted(String name, int weight, Operation operation) {
    }

    /** Sessions go into distinct hours far ahead, so no two ever overlap and none meets the demo's own. */
    private static final LocalDateTime FIRST_SLOT = LocalDateTime.now(ZoneOffset.UTC).plusDays(400)
            .truncatedTo(ChronoUnit.HOURS);

    private final LoadPopulation population;
    private final LoadTarget target;
    private final List<Weighted> operations = new ArrayList<>();
    private final AtomicLong nextSlot = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private int totalWeight;

    LoadMix(LoadPopulation population, LoadTarget target) {
        this.population = population;
        this.target = target;
        add("profile by id", 20, this::profileById);
        add("profile search", 10, this::profileSearch);
        add("me", 15, this::me);
        add("recommendations", 10, this::recommendations);
        add("my mentorships", 10, this::myMentorships);
        if (!population.mentorships.isEmpty()) {
            add("my sessions", 8, this::mySessions);
            add("my goals", 5, this::myGoals);
            add("write: session scheduled, cancelled", 6, this::sessionScheduledAndCancelled);
        }
        add("my kudos", 5, this::myKudos);
        if (!population.pairs.isEmpty()) {
            add("write: mentorship requested, withdrawn", 6, this::requestWithdrawn);
        }
        add("write: kudos", 5, this::kudos);
    }

    private void add(String name, int weight, Operation operation) {
        operations.add(new Weighted(name, weight, operation));
        totalWeight += weight;
    }

    /** Runs one operation drawn by weight; a failed call has been recorded and ends the operation. */
    void runOne(LoadCalls calls, long since) {
        int pick = ThreadLocalRandom.current().nextInt(totalWeight);
        for (Weighted w : operations) {
            pick -= w.weight();
            if (pick < 0) {
                try {
                    w.operation().run(calls, since);
                } catch (LoadCalls.Failed recorded) {
                    // counted and kept by LoadCalls
                }
                return;
            }
        }
    }

    /** The mix as percentages of operations, for the report. */
    Map<String, Integer> weights() {
        Map<String, Integer> m = new LinkedHashMap<>();
        operations.forEach(w -> m.put(w.name(), Math.round(100f * w.weight() / totalWeight)));
        return m;
    }

    /** Request writes not sent because every request pair was in use at that moment. */
    long skipped() {
        return skipped.get();
    }

    // ---- reads ---------------------------------------------------------------------------------------------------

    private void profileById(LoadCalls calls, long since) throws LoadCalls.Failed {
        calls.call("GET /v1/profiles/{id}", since, "GET", target.profile() + "/v1/profiles/" + anyone().id(),
                token(anyone()), null, 200);
    }

    private void profileSearch(LoadCalls calls, long since) throws LoadCalls.Failed {
        String department = DemoOrganisation.DEPARTMENTS.get(
                ThreadLocalRandom.current().nextInt(DemoOrganisation.DEPARTMENTS.size()));
        calls.call("GET /v1/profiles?department", since, "GET", target.profile() + "/v1/profiles?limit=20&department="
                + department.replace(" ", "%20"), token(anyone()), null, 200);
    }

    private void me(LoadCalls calls, long since) throws LoadCalls.Failed {
        calls.call("GET /v1/me", since, "GET", target.profile() + "/v1/me", token(anyone()), null, 200);
    }

    private void recommendations(LoadCalls calls, long since) throws LoadCalls.Failed {
        calls.call("GET /v1/recommendations", since, "GET", target.matching() + "/v1/recommendations?kind=mentor&limit=10",
                token(pick(population.mentees)), null, 200);
    }

    private void myMentorships(LoadCalls calls, long since) throws LoadCalls.Failed {
        calls.call("GET /v1/mentorships", since, "GET", target.matching() + "/v1/mentorships?limit=20",
                token(anyone()), null, 200);
    }

    private void mySessions(LoadCalls calls, long since) throws LoadCalls.Failed {
        calls.call("GET /v1/sessions", since, "GET", target.session() + "/v1/sessions?limit=20",
                token(pick(population.mentorships).mentee()), null, 200);
    }

    private void myGoals(LoadCalls calls, long since) throws LoadCalls.Failed {
        calls.call("GET /v1/goals", since, "GET", target.session() + "/v1/goals?limit=20",
                token(pick(population.mentorships).mentee()), null, 200);
    }

    private void myKudos(LoadCalls calls, long since) throws LoadCalls.Failed {
        calls.call("GET /v1/kudos", since, "GET", target.feedback() + "/v1/kudos?direction=received&limit=20",
                token(anyone()), null, 200);
    }

    // ---- writes --------------------------------------------------------------------------------------------------

    private void requestWithdrawn(LoadCalls calls, long since) throws LoadCalls.Failed {
        LoadPopulation.RequestPair pair = population.pairs.poll();
        if (pair == null) {
            skipped.incrementAndGet();
            return;
        }
        try {
            String token = token(pair.mentee());
            String id = calls.call("POST /v1/mentorships", since, "POST", target.matching() + "/v1/mentorships",
                    token, requestBody(pair), 201).path("id").asText();
            calls.call("POST /v1/mentorships/{id}/withdraw", System.nanoTime(), "POST",
                    target.matching() + "/v1/mentorships/" + id + "/withdraw", token, null, 200);
        } finally {
            population.pairs.add(pair);
        }
    }

    static Map<String, Object> requestBody(LoadPopulation.RequestPair pair) {
        return Map.of("mentorId", pair.mentorId(), "kind", "classic", "goalSkills", List.of(pair.goal()),
                "message", "I am working on " + pair.goal() + "; would you mentor me for a few months?");
    }

    private void sessionScheduledAndCancelled(LoadCalls calls, long since) throws LoadCalls.Failed {
        LoadPopulation.Mentorship mentorship = pick(population.mentorships);
        String token = token(mentorship.mentee());
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("mentorshipId", mentorship.id());
        session.put("start", FIRST_SLOT.plusHours(nextSlot.getAndIncrement()).toString());
        session.put("durationMinutes", 30);
        session.put("timeZone", "UTC");
        session.put("agenda", "Progress on my goals since last time.");
        JsonNode created = calls.call("POST /v1/sessions", since, "POST", target.session() + "/v1/sessions", token,
                session, 201);
        String id = created.path("items").path(0).path("id").asText();
        calls.call("POST /v1/sessions/{id}/cancel", System.nanoTime(), "POST",
                target.session() + "/v1/sessions/" + id + "/cancel", token,
                Map.of("reason", "Something came up; let us find another time."), 200);
    }

    private void kudos(LoadCalls calls, long since) throws LoadCalls.Failed {
        LoadPopulation.Member from = anyone();
        LoadPopulation.Member to = anyone();
        while (to == from) {
            to = anyone();
        }
        calls.call("POST /v1/kudos", since, "POST", target.feedback() + "/v1/kudos", token(from),
                Map.of("toProfileId", to.id(), "message", "Thank you for your help this week."), 201);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private LoadPopulation.Member anyone() {
        return pick(population.members);
    }

    private String token(LoadPopulation.Member member) {
        return target.token(member.email());
    }

    private static <T> T pick(List<T> from) {
        return from.get(ThreadLocalRandom.current().nextInt(from.size()));
    }
}
