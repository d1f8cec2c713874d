package org.mentoring.profile.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.mentoring.profile.profile.AdvisoryLocks;

/**
 * The employee ids of erased people, kept as digests so that the HRIS cannot recreate a person whose data was
 * erased: a webhook about them is acknowledged as {@code erased}, an import leaves their row out (and counts it),
 * and so does a manager reference to them. The digest is SHA-256 over {@value #PREFIX} and the employee id in UTF-8,
 * the same in Java and in SQL ({@link #sqlDigest}). That is not anonymity (employee ids are short, so trying
 * candidates against the table finds the ones it lists): it is the least honouring the erasure needs.
 */
@ApplicationScoped
public class ErasedEmployees {

    static final String PREFIX = "mentoring:erased-employee:v1:";

    @Inject
    EntityManager em;

    public static byte[] digest(String externalId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((PREFIX + externalId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The SQL expression of {@link #digest} for a text column or expression. */
    public static String sqlDigest(String column) {
        return "sha256(convert_to('" + PREFIX + "' || " + column + ", 'UTF8'))";
    }

    /** Whether the person with this employee id was erased (and not brought back by HR since). */
    public boolean contains(String externalId) {
        if (externalId == null) {
            return false;
        }
        return !em.createNativeQuery("SELECT 1 FROM erased_employee WHERE digest = :d")
                .setParameter("d", digest(externalId)).getResultList().isEmpty();
    }

    /**
     * An advisory lock, held to the end of the transaction, between erasures (exclusive) and what writes people
     * from employee ids (shared: imports, HRIS webhooks, profiles created or given an employee id through the API).
     * Without it an import that checked this list just before an erasure committed would insert the person again,
     * since the erased profile no longer holds their employee id. Every holder takes it before its first row lock,
     * so it cannot close a cycle with them.
     */
    public void lockShared() {
        advisory(LOCK_SHARED, LOCK);
    }

    void lockExclusive() {
        advisory("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:k))) AS locked", LOCK);
    }

    /**
     * A shared advisory lock on one profile, held to the end of the transaction: whoever is about to pass a profile's
     * data on (the webhook feed) takes it, then reads whether the profile is erased. An erasure holds it exclusively
     * from its start, so the reader waits for the erasure and then sees it. Locks no row, so the holder waits only
     * for an erasure of that very profile, and only one erasure runs at a time: no cycle.
     */
    public void lockProfileShared(UUID id) {
        AdvisoryLocks.shared(em, PROFILE_LOCKS, id.toString());
    }

    void lockProfileExclusive(UUID id) {
        AdvisoryLocks.exclusive(em, PROFILE_LOCKS, id.toString());
    }

    private static final String PROFILE_LOCKS = "mentoring:profile";

    private void advisory(String sql, String key) {
        em.createNativeQuery(sql).setParameter("k", key).getSingleResult();
    }

    /** {@link #lockShared()} as SQL with its key as parameter {@code :k}, for callers on a JDBC connection. */
    public static final String LOCK_SHARED = "SELECT 1 FROM (SELECT pg_advisory_xact_lock_shared(hashtext(:k))) AS locked";

    /** The advisory lock's name, hashed to its key as the service's other advisory locks are. */
    public static final String LOCK = "mentoring:erased-employees";

    void add(String externalId) {
        em.createNativeQuery("INSERT INTO erased_employee (digest) VALUES (:d) ON CONFLICT DO NOTHING")
                .setParameter("d", digest(externalId)).executeUpdate();
    }

    /** Lifts the suppression: HR creates the person again. */
    public void remove(String externalId) {
        em.createNativeQuery("DELETE FROM erased_employee WHERE digest = :d")
                .setParameter("d", digest(externalId)).executeUpdate();
    }
}
