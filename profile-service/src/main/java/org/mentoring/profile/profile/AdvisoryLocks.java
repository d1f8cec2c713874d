package org.mentoring.profile.profile;

import jakarta.persistence.EntityManager;

/**
 * PostgreSQL advisory locks held to the end of the caller's transaction, on one name within a namespace (each hashed
 * to one of the lock's two keys, so that namespaces do not collide): one employee id, one profile.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    public static void exclusive(EntityManager em, String namespace, String name) {
        take(em, "pg_advisory_xact_lock", namespace, name);
    }

    public static void shared(EntityManager em, String namespace, String name) {
        take(em, "pg_advisory_xact_lock_shared", namespace, name);
    }

    private static void take(EntityManager em, String function, String namespace, String name) {
        em.createNativeQuery("SELECT 1 FROM (SELECT " + function + "(hashtext(:n), hashtext(:k))) AS locked")
                .setParameter("n", namespace).setParameter("k", name).getSingleResult();
    }
}
