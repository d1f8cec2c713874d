package org.mentoring.local;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The mentoring half of the demo data, loaded through the services' APIs as the people themselves would: informal
 * mentorships in every state a person can put them in, a cohort programme matched and published (and a small pilot
 * whose report is too small to show figures), past and upcoming sessions with goals, action items and reviews,
 * feedback on the sessions held, and kudos. What other services learn from events (matching from profiles, sessions
 * from mentorships, feedback from sessions) is waited for, not assumed.
 */
final class DemoMentoring {

    private static final Duration PROPAGATION = Duration.ofMinutes(3);
    /** Matching learns a large organisation from 200,000 events (created, then preferences set) before it can rank. */
    private static final Duration FIRST_RECOMMENDATIONS = Duration.ofMinutes(15);
    private static final int FREE_DAY_TRIES = 6;
    private static final String[] COMMENTS = {"Very practical, I left with a plan for the next two weeks.",
            "Good conversation; next time I will bring a concrete example.",
            "Helpful pointers and honest feedback on my draft.",
            "We went deep on one topic, which was exactly what I needed."};

    record Urls(String matching, String session, String feedback) {
    }

    /** An active mentorship the seed gives sessions and goals to. */
    private record Pair(String mentorshipId, DemoOrganisation.Person mentor, DemoOrganisation.Person mentee,
                        String programId) {
    }

    private final DemoHttp http = new DemoHttp();
    private final Urls urls;
    private final DemoSeed.Tokens tokens;
    private final Map<String, String> ids;
    private final Random random;
    private final Map<String, DemoOrganisation.Person> byId = new LinkedHashMap<>();
    private final Set<String> busy = new HashSet<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final List<Pair> toComplete = new ArrayList<>();

    DemoMentoring(Urls urls, DemoSeed.Tokens tokens, DemoSeed.Seeded seeded, long seed) {
        this.urls = urls;
        this.tokens = tokens;
        this.ids = seeded.profileIds();
        this.random = new Random(seed);
        for (DemoOrganisation.Person p : seeded.people()) {
            byId.put(ids.get(p.email()), p);
        }
    }

    void run(String demoEmail) throws IOException, InterruptedException {
        DemoOrganisation.Person demo = byId.get(ids.get(demoEmail));
        awaitRecommendations(demo);

        List<Pair> active = new ArrayList<>();
        active.addAll(informalMentorships(demo));
        active.addAll(programme("Engineering growth cohort", 10, 16));
        List<Pair> pilot = programme("Leadership pilot", 2, 2);
        active.addAll(pilot);

        int index = 0;
        for (Pair pair : active) {
            sessionsGoalsAndFeedback(pair, index++);
        }
        kudos(active);
        for (Pair pair : toComplete) {
            // Completing ends the mentorship: its upcoming sessions are cancelled and both get an end survey.
            http.json("POST", urls.matching() + "/v1/mentorships/" + pair.mentorshipId() + "/complete",
                    token(pair.mentee()), null, 200);
            count("informal mentorships completed");
            answer(pair.mentee(), "end_survey", pair.mentorshipId(), 0);
            answer(pair.mentor(), "end_survey", pair.mentorshipId(), 1);
        }
        System.out.println("demo mentoring: " + counts);
    }

    // ---- matching: informal mentorships -------------------------------------------------------------------------

    private void awaitRecommendations(DemoOrganisation.Person mentee) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + FIRST_RECOMMENDATIONS.toNanos();
        while (true) {
            try {
                JsonNode page = http.json("GET", urls.matching() + "/v1/recommendations?kind=mentor&limit=5",
                        token(mentee), null, 200);
                if (page.path("items").size() > 0 && !page.path("items").get(0).path("reasons").isEmpty()) {
                    return;
                }
            } catch (IOException e) {
                // Not known yet, or a large organisation's first request still building the candidate index.
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("matching-service has no recommendations for " + mentee.email()
                        + " after " + FIRST_RECOMMENDATIONS + "; are profile events flowing?");
            }
            Thread.sleep(1000);
        }
    }

    /** One informal mentorship per state; the demo employee's own is active. Returns the active ones. */
    private List<Pair> informalMentorships(DemoOrganisation.Person demo) throws IOException, InterruptedException {
        List<DemoOrganisation.Person> mentees = new ArrayList<>(byId.values().stream()
                .filter(p -> p.openToRoles().contains("mentee") && !p.goals().isEmpty() && p != demo).toList());
        List<String> states = List.of("active", "active", "pending", "pending", "declined", "withdrawn", "paused",
                "completed", "ended");
        List<Pair> active = new ArrayList<>();
        Pair own = request(demo, "active");
        if (own != null) {
            active.add(own);
        }
        int next = 0;
        for (String state : states) {
            Pair pair = null;
            while (pair == null && next < mentees.size()) {
                pair = request(mentees.get(next++), state);
            }
            if (pair != null && (state.equals("active") || state.equals("completed"))) {
                active.add(pair);
            }
        }
        return active;
    }

    /** The mentee asks their best free recommendation and the pair is taken to the given state; null if none fits. */
    private Pair request(DemoOrganisation.Person mentee, String state) throws IOException, InterruptedException {
        if (busy.contains(ids.get(mentee.email()))) {
            return null;
        }
        JsonNode recommendations = http.json("GET", urls.matching() + "/v1/recommendations?kind=mentor&limit=20",
                token(mentee), null, 200).path("items");
        for (JsonNode recommendation : recommendations) {
            String mentorId = recommendation.path("profileId").asText();
            DemoOrganisation.Person mentor = byId.get(mentorId);
            if (mentor == null || busy.contains(mentorId)) {
                continue;
            }
            String goal = mentee.goals().get(0)[0];
            JsonNode created;
            try {
                created = http.json("POST", urls.matching() + "/v1/mentorships", token(mentee), Map.of(
                        "mentorId", mentorId, "kind", "classic", "goalSkills", List.of(goal),
                        "message", "Hi " + first(mentor) + ", I am working on " + goal
                                + " and your experience would help me a lot. Would you mentor me for a few months?"),
                        201);
            } catch (DemoHttp.DemoCallException refused) {
                if (refused.status() == 409 || refused.status() == 422) {
                    continue;
                }
                throw refused;
            }
            String id = created.path("id").asText();
            busy.add(mentorId);
            busy.add(ids.get(mentee.email()));
            String base = urls.matching() + "/v1/mentorships/" + id;
            switch (state) {
                case "pending" -> { }
                case "declined" -> http.json("POST", base + "/decline", token(mentor),
                        Map.of("reason", "My calendar is full until spring; please ask me again then."), 200);
                case "withdrawn" -> http.json("POST", base + "/withdraw", token(mentee), null, 200);
                default -> {
                    http.json("POST", base + "/accept", token(mentor), null, 200);
                    if (state.equals("paused")) {
                        http.json("POST", base + "/pause", token(mentee), null, 200);
                    }
                }
            }
            Pair pair = new Pair(id, mentor, mentee, null);
            if (state.equals("completed")) {
                toComplete.add(pair);
                return pair;
            }
            count("informal mentorships " + state);
            if (state.equals("active")) {
                return pair;
            }
            if (state.equals("ended")) {
                http.json("POST", base + "/end", token(mentor), Map.of("reason", "I am changing teams and cannot "
                        + "give this the time it deserves."), 200);
            }
            return pair;
        }
        return null;
    }

    // ---- matching: programmes -------------------------------------------------------------------------------------

    /** A cohort programme: enrolment, an OPTIMAL matching run, published. Returns its mentorships. */
    private List<Pair> programme(String name, int mentors, int mentees) throws IOException, InterruptedException {
        DemoOrganisation.Person admin = byId.values().stream()
                .filter(p -> p.department().equals("People") && p.level() >= 4).findFirst()
                .orElse(byId.values().iterator().next());
        String adminToken = tokens.token(admin.email(), Set.of("program-admin"));
        busy.add(ids.get(admin.email()));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("description", "Six months of one-to-one mentoring for people growing into their next role.");
        fields.put("kind", "one_to_one");
        fields.put("startsOn", LocalDate.now().toString());
        fields.put("endsOn", LocalDate.now().plusMonths(6).toString());
        fields.put("opensAt", now.minusDays(1).toString());
        fields.put("closesAt", now.plusDays(14).toString());
        fields.put("algorithm", "OPTIMAL");
        fields.put("mentorCapacity", 2);
        String programId = http.json("POST", urls.matching() + "/v1/programs", adminToken, fields, 201)
                .path("id").asText();
        http.json("PATCH", urls.matching() + "/v1/programs/" + programId, adminToken, Map.of("status", "enrolling"), 200);

        int enrolledMentors = 0;
        int enrolledMentees = 0;
        for (DemoOrganisation.Person p : byId.values()) {
            String id = ids.get(p.email());
            if (busy.contains(id)) {
                continue;
            }
            String path = urls.matching() + "/v1/programs/" + programId + "/enrolments";
            if (enrolledMentors < mentors && p.openToRoles().contains("mentor") && p.level() >= 6) {
                http.json("POST", path, token(p), Map.of("role", "mentor", "capacity", 2), 201);
                enrolledMentors++;
                busy.add(id);
            } else if (enrolledMentees < mentees && p.openToRoles().contains("mentee") && !p.goals().isEmpty()
                    && p.level() <= 5) {
                List<Map<String, Object>> goals = new ArrayList<>();
                for (String[] g : p.goals()) {
                    goals.add(Map.of("skill", g[0], "targetLevel", Integer.parseInt(g[1]),
                            "priority", Math.min(3, Integer.parseInt(g[2]))));
                }
                http.json("POST", path, token(p), Map.of("role", "mentee", "goals", goals), 201);
                enrolledMentees++;
                busy.add(id);
            }
            if (enrolledMentors == mentors && enrolledMentees == mentees) {
                break;
            }
        }
        String runs = urls.matching() + "/v1/programs/" + programId + "/matching-runs";
        JsonNode run = http.json("POST", runs, adminToken, Map.of(), 200, 201);
        JsonNode published = http.json("POST", runs + "/" + run.path("id").asText() + "/publish", adminToken, null, 200);
        count("programmes published");
        List<Pair> pairs = new ArrayList<>();
        for (JsonNode proposed : published.path("pairs")) {
            DemoOrganisation.Person mentee = byId.get(proposed.path("menteeId").asText());
            DemoOrganisation.Person mentor = byId.get(proposed.path("mentorId").asText());
            JsonNode mine = http.json("GET", urls.matching() + "/v1/mentorships?status=active&role=mentee",
                    token(mentee), null, 200).path("items");
            for (JsonNode m : mine) {
                if (programId.equals(m.path("programId").asText())) {
                    pairs.add(new Pair(m.path("id").asText(), mentor, mentee, programId));
                }
            }
        }
        System.out.printf("demo programme \"%s\": %d mentors and %d mentees enrolled, %d pairs published, %d unmatched%n",
                name, enrolledMentors, enrolledMentees, pairs.size(), published.path("unmatched").size());
        return pairs;
    }

    // ---- sessions, goals, feedback ----------------------------------------------------------------------------------

    private void sessionsGoalsAndFeedback(Pair pair, int index) throws IOException, InterruptedException {
        String zone = pair.mentee().location().timeZone();
        int hour = 8 + index % 9;
        LocalDateTime past = LocalDate.now().minusDays(7 + index % 5).atTime(hour, 0);
        Map<String, Object> held = new LinkedHashMap<>();
        held.put("mentorshipId", pair.mentorshipId());
        held.put("start", past.toString());
        held.put("durationMinutes", 45);
        held.put("timeZone", zone);
        held.put("meetingLink", "https://meet.example.com/" + pair.mentorshipId().substring(0, 8));
        held.put("agenda", "Where you are now with " + goalOf(pair) + ", and what to try first.");
        JsonNode scheduled = whenKnown(() -> onAFreeDay(pair, held, past));
        String sessionId = scheduled.path("items").get(0).path("id").asText();
        http.json("POST", urls.session() + "/v1/sessions/" + sessionId + "/held", token(pair.mentee()), null, 200);
        count("sessions held");

        Map<String, Object> upcoming = new LinkedHashMap<>(held);
        upcoming.put("agenda", "Progress since last time; next step on " + goalOf(pair) + ".");
        upcoming.put("recurrence", Map.of("cadence", "biweekly", "count", 4));
        onAFreeDay(pair, upcoming, LocalDate.now().plusDays(2 + index % 5).atTime(hour, 0));
        count("upcoming sessions");

        String skill = goalOf(pair);
        JsonNode goal = http.json("POST", urls.session() + "/v1/goals", token(pair.mentee()), Map.of(
                "mentorshipId", pair.mentorshipId(),
                "title", "Get confident with " + skill,
                "whyItMatters", "It is the main gap between my current role and the next one.",
                "targetDate", LocalDate.now().plusMonths(3).toString(),
                "skills", List.of(skill),
                "milestones", List.of("Agree what good looks like", "Try it on a real piece of work")), 201);
        String goalId = goal.path("id").asText();
        http.json("POST", urls.session() + "/v1/goals/" + goalId + "/action-items", token(pair.mentee()), Map.of(
                "title", "Read the two articles my mentor suggested on " + skill,
                "dueDate", LocalDate.now().plusDays(10).toString()), 201);
        http.json("POST", urls.session() + "/v1/goals/" + goalId + "/reviews", token(pair.mentee()),
                Map.of("sessionId", sessionId, "progress", 20 + index % 4 * 15), 200, 201);
        count("goals");

        answer(pair.mentee(), "session", sessionId, index);
        answer(pair.mentor(), "session", sessionId, index + 1);
    }

    /**
     * Schedules a session (or series) at the given time, or a day later each time it would overlap another session of
     * either participant: in a large organisation a mentor of two pairs in different time zones can be busy then.
     */
    private JsonNode onAFreeDay(Pair pair, Map<String, Object> session, LocalDateTime start)
            throws IOException, InterruptedException {
        for (int day = 0; ; day++) {
            session.put("start", start.plusDays(day).toString());
            try {
                return http.json("POST", urls.session() + "/v1/sessions", token(pair.mentee()), session, 201);
            } catch (DemoHttp.DemoCallException busy) {
                if (busy.status() != 409 || day == FREE_DAY_TRIES) {
                    throw busy;
                }
            }
        }
    }

    /** Answers the person's open request of the given kind about a session (or, for end surveys, a mentorship). */
    private void answer(DemoOrganisation.Person person, String kind, String subjectId, int index)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode open = http.json("GET", urls.feedback() + "/v1/feedback/requests?limit=100", token(person), null, 200)
                    .path("items");
            for (JsonNode request : open) {
                String subject = kind.equals("session") ? request.path("sessionId").asText()
                        : request.path("mentorshipId").asText();
                if (kind.equals(request.path("kind").asText()) && subjectId.equals(subject)) {
                    int rating = 3 + random.nextInt(3);
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("rating", rating);
                    answer.put("usefulness", Math.max(1, rating - random.nextInt(2)));
                    answer.put("preparation", 3 + random.nextInt(3));
                    answer.put("learnedSomething", Math.max(1, rating - random.nextInt(2)));
                    answer.put("goalProgress", 10 + random.nextInt(40));
                    answer.put("comment", COMMENTS[index % COMMENTS.length]);
                    answer.put("shareCommentWithOther", index % 3 != 0);
                    if (kind.equals("end_survey")) {
                        answer.put("nps", 7 + random.nextInt(4));
                        answer.put("wouldRepeat", true);
                    }
                    http.json("POST", urls.feedback() + "/v1/feedback/requests/" + request.path("id").asText()
                            + "/answer", token(person), answer, 201);
                    count("feedback answers");
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new IOException("no " + kind + " feedback request reached " + person.email() + " about " + subjectId
                + " within " + PROPAGATION + "; are session events flowing?");
    }

    private void kudos(List<Pair> pairs) throws IOException, InterruptedException {
        for (int i = 0; i < pairs.size(); i += 2) {
            Pair pair = pairs.get(i);
            http.json("POST", urls.feedback() + "/v1/kudos", token(pair.mentee()), Map.of(
                    "toProfileId", ids.get(pair.mentor().email()),
                    "message", "Thank you for the time you took with me on " + goalOf(pair) + ", it really helped.",
                    "skills", List.of(goalOf(pair)),
                    "mentorshipId", pair.mentorshipId()), 201);
            count("kudos");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------------

    private interface Call {
        JsonNode run() throws IOException, InterruptedException;
    }

    /** Retries a call the service refuses with 404 because the event that tells it about the subject is still on its way. */
    private static JsonNode whenKnown(Call call) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        while (true) {
            try {
                return call.run();
            } catch (DemoHttp.DemoCallException e) {
                if ((e.status() != 404 && e.status() != 403) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private String token(DemoOrganisation.Person person) {
        return tokens.token(person.email(), Set.of("employee"));
    }

    private static String goalOf(Pair pair) {
        return pair.mentee().goals().isEmpty() ? "your goals" : pair.mentee().goals().get(0)[0];
    }

    private static String first(DemoOrganisation.Person person) {
        return person.displayName().split(" ")[0];
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }
}
