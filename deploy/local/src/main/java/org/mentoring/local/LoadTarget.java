package org.mentoring.local;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a load run sends its calls and how it signs in: the four services' base URLs and an employee token per
 * person, minted with the dev key like {@code deploy/local/mentoring token} and kept for the run.
 */
final class LoadTarget {

    private final String profile;
    private final String matching;
    private final String session;
    private final String feedback;
    private final DemoSeed.Tokens tokens;
    private final DemoHttp http = new DemoHttp();
    private final Map<String, String> minted = new ConcurrentHashMap<>();

    LoadTarget(String profile, String matching, String session, String feedback, DemoSeed.Tokens tokens) {
        this.profile = profile;
        this.matching = matching;
        this.session = session;
        this.feedback = feedback;
        this.tokens = tokens;
    }

    String token(String email) {
        return minted.computeIfAbsent(email, e -> tokens.token(e, Set.of("employee")));
    }

    DemoHttp http() {
        return http;
    }

    String profile() {
        return profile;
    }

    String matching() {
        return matching;
    }

    String session() {
        return session;
    }

    String feedback() {
        return feedback;
    }
}
