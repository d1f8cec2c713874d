package org.mentoring.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The people a load run acts as, found through the API: a sample of the demo organisation (regenerated from the
 * size and seed the seed recorded, so emails are known) with their profile ids from {@code GET /v1/me}, the active
 * mentorships among them, and mentee-mentor pairs whose request the platform accepts (tried once, then withdrawn).
 */
final class LoadPopulation {

    /** A person of the organisation with their profile id. */
    record Member(DemoOrganisation.Person person, String id) {
        String email() {
            return person.email();
        }
    }

    /** A mentee and a mentor recommended to them, between whom a request is valid. */
    record RequestPair(Member mentee, String mentorId, String goal) {
    }

    /** An active mentorship; its mentee schedules sessions in it. */
    record Mentorship(String id, Member mentee) {
    }

    private static final int DISCOVERY_THREADS = 8;
    private static final int FIRST_PEOPLE = 400;

    final List<Member> members;
    final List<Member> mentees;
    final List<Mentorship> mentorships;
    final BlockingQueue<RequestPair> pairs;

    private LoadPopulation(List<Member> members, List<Member> mentees, List<Mentorship> mentorships,
                           List<RequestPair> pairs) {
        this.members = members;
        this.mentees = mentees;
        this.mentorships = mentorships;
        this.pairs = new ArrayBlockingQueue<>(Math.max(1, pairs.size()), false, pairs);
    }

    /**
     * Finds the population: the first people of the organisation (where the demo mentorships are) and random others
     * up to {@code sample}; up to {@code pairCount} request pairs.
     */
    static LoadPopulation discover(LoadTarget target, int people, long seed, int sample, int pairCount)
            throws IOException, InterruptedException {
        List<DemoOrganisation.Person> organisation = DemoOrganisation.generate(people, seed);
        List<DemoOrganisation.Person> chosen = choose(organisation, sample, seed);
        ExecutorService pool = Executors.newFixedThreadPool(DISCOVERY_THREADS);
        try {
            List<Member> members = all(pool, chosen.stream().<Callable<Member>>map(p -> () -> new Member(p,
                    target.http().send("GET", target.profile() + "/v1/me", target.token(p.email()), null, null, null,
                            200).path("id").asText())).toList());
            List<Member> mentees = members.stream()
                    .filter(m -> m.person().openToRoles().contains("mentee") && !m.person().goals().isEmpty()).toList();
            List<Mentorship> mentorships = all(pool, mentees.stream().<Callable<List<Mentorship>>>map(m -> () ->
                    activeAsMentee(target, m)).toList()).stream().flatMap(List::stream).toList();
            List<RequestPair> pairs = all(pool, mentees.stream().limit(pairCount * 2L)
                    .<Callable<RequestPair>>map(m -> () -> validPair(target, m)).toList())
                    .stream().filter(p -> p != null).limit(pairCount).toList();
            return new LoadPopulation(members, mentees, mentorships, pairs);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<DemoOrganisation.Person> choose(List<DemoOrganisation.Person> organisation, int sample,
                                                        long seed) {
        int first = Math.min(Math.min(FIRST_PEOPLE, sample), organisation.size());
        List<DemoOrganisation.Person> chosen = new ArrayList<>(organisation.subList(0, first));
        List<DemoOrganisation.Person> rest = new ArrayList<>(organisation.subList(first, organisation.size()));
        Collections.shuffle(rest, new Random(seed));
        chosen.addAll(rest.subList(0, Math.min(rest.size(), Math.max(0, sample - first))));
        return chosen;
    }

    private static List<Mentorship> activeAsMentee(LoadTarget target, Member mentee)
            throws IOException, InterruptedException {
        JsonNode items = target.http().send("GET", target.matching() + "/v1/mentorships?status=active&role=mentee&limit=100",
                target.token(mentee.email()), null, null, null, 200).path("items");
        List<Mentorship> found = new ArrayList<>();
        for (JsonNode m : items) {
            found.add(new Mentorship(m.path("id").asText(), mentee));
        }
        return found;
    }

    /** The mentee's first recommended mentor whose request goes through; the request is withdrawn at once. */
    private static RequestPair validPair(LoadTarget target, Member mentee) throws IOException, InterruptedException {
        String token = target.token(mentee.email());
        JsonNode recommended = target.http().send("GET", target.matching() + "/v1/recommendations?kind=mentor&limit=5",
                token, null, null, null, 200).path("items");
        for (JsonNode r : recommended) {
            RequestPair pair = new RequestPair(mentee, r.path("profileId").asText(), mentee.person().goals().get(0)[0]);
            try {
                String id = target.http().json("POST", target.matching() + "/v1/mentorships", token,
                        LoadMix.requestBody(pair), 201).path("id").asText();
                target.http().json("POST", target.matching() + "/v1/mentorships/" + id + "/withdraw", token, null, 200);
                return pair;
            } catch (DemoHttp.DemoCallException refused) {
                if (refused.status() != 409 && refused.status() != 422) {
                    throw refused;
                }
            }
        }
        return null;
    }

    private static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks)
            throws IOException, InterruptedException {
        List<T> results = new ArrayList<>(tasks.size());
        for (Future<T> f : pool.invokeAll(tasks)) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
        return results;
    }

    Map<String, Integer> summary() {
        Map<String, Integer> s = new LinkedHashMap<>();
        s.put("people", members.size());
        s.put("mentees with goals", mentees.size());
        s.put("active mentorships", mentorships.size());
        s.put("request pairs", pairs.size());
        return s;
    }
}
