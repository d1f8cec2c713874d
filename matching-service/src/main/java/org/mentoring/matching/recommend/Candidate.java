package org.mentoring.matching.recommend;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.mentoring.matching.engine.Person;

/**
 * One person of the in-memory candidate index: the engine's view ({@link Person}, capacity load not yet known)
 * and what recommendations filter and show.
 */
record Candidate(UUID id, Person person, String displayName, String jobTitle, String department, String location,
        Set<String> languages, Set<String> roles, List<UUID> chain, boolean available, Double quality,
        int ratingCount) {

    /** Whether the other is anywhere in this person's management chain, or this person in theirs. */
    boolean sameChain(Candidate other) {
        return chain.contains(other.id) || other.chain.contains(id);
    }
}
