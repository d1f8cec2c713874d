package org.mentoring.profile.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The employee ids of erased people, kept as digests so that the HRIS cannot recreate a person whose data was
 * erased: a webhook about them is acknowledged as {@code erased}, an import leaves their row out (and counts it),
 * and so does a manager reference to them. The digest is SHA-256 over {@value #PREFIX} and the employee id in UTF-8,
 * the same in Java and in SQL ({@link #sqlDigest}). It does not reveal the id, but whoever holds the table and a
 * candidate employee id can confirm that this id was erased.
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
