package org.mentoring.profile.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** A person's managers up the tree, nearest first. Stops at a cycle, which HR data can contain by mistake. */
@ApplicationScoped
public class ManagementChains {

    static final int MAX_DEPTH = 64;

    @Inject
    EntityManager em;

    /** The chain above one profile, read from the database in one recursive query. */
    public List<UUID> of(Profile profile) {
        if (profile.managerId == null) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH RECURSIVE chain(id, manager_id, depth) AS (
                    SELECT id, manager_id, 1 FROM profile WHERE id = :start
                    UNION ALL
                    SELECT p.id, p.manager_id, c.depth + 1 FROM profile p JOIN chain c ON p.id = c.manager_id
                    WHERE c.depth < :max)
                SELECT id, manager_id FROM chain""").setParameter("start", profile.managerId)
                .setParameter("max", MAX_DEPTH).getResultList();
        Map<UUID, UUID> managers = new java.util.HashMap<>();
        for (Object[] row : rows) {
            managers.put((UUID) row[0], (UUID) row[1]);
        }
        return walk(profile.id, profile.managerId, managers::get);
    }

    /** The chain starting at {@code managerId}, following {@code managerOf}; stops before repeating anyone. */
    public static List<UUID> walk(UUID self, UUID managerId, Function<UUID, UUID> managerOf) {
        List<UUID> chain = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        seen.add(self);
        UUID next = managerId;
        while (next != null && seen.add(next) && chain.size() < MAX_DEPTH) {
            chain.add(next);
            next = managerOf.apply(next);
        }
        return chain;
    }
}
