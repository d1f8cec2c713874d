package org.mentoring.profile.skill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.profile.profile.AdvisoryLocks;

/** The canonical skills: autocomplete, normalisation of free-typed names, and additions by HR. */
@ApplicationScoped
public class SkillCatalogue {

    @Inject
    EntityManager em;

    /** Skills whose name or one of whose aliases starts with the prefix, by name. */
    @Transactional
    public List<SkillView> search(String prefix, String category, int limit) {
        String pattern = escapeLike(SkillNames.normalize(prefix)) + "%";
        StringBuilder sql = new StringBuilder("SELECT s.* FROM skill s WHERE (s.normalized LIKE :p OR EXISTS "
                + "(SELECT 1 FROM skill_alias a WHERE a.skill_id = s.id AND a.normalized LIKE :p))");
        if (category != null && !category.isBlank()) {
            sql.append(" AND lower(s.category) = lower(:category)");
        }
        sql.append(" ORDER BY s.normalized LIMIT :limit");
        var query = em.createNativeQuery(sql.toString(), Skill.class).setParameter("p", pattern)
                .setParameter("limit", limit);
        if (category != null && !category.isBlank()) {
            query.setParameter("category", category.strip());
        }
        @SuppressWarnings("unchecked")
        List<Skill> skills = query.getResultList();
        return views(skills);
    }

    @Transactional
    public SkillView get(UUID id) {
        Skill skill = em.find(Skill.class, id);
        if (skill == null) {
            throw ProblemException.notFound("Skill", id);
        }
        return views(List.of(skill)).get(0);
    }

    /** The catalogue's name for a free-typed skill, matched on name or alias regardless of case and spacing. */
    @Transactional
    public Optional<String> canonical(String typed) {
        String normalized = SkillNames.normalize(typed);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("SELECT s.name FROM skill s WHERE s.normalized = :n UNION ALL "
                        + "SELECT s.name FROM skill_alias a JOIN skill s ON s.id = a.skill_id WHERE a.normalized = :n")
                .setParameter("n", normalized).getResultList();
        return names.stream().findFirst();
    }

    /**
     * Every name a profile may hold a skill under: the typed one and, when the catalogue knows the skill, its name and
     * all its aliases (a profile keeps a name as it was stored, before the catalogue learnt an alias).
     */
    @Transactional
    public List<String> namesOf(String typed) {
        List<String> names = new ArrayList<>();
        names.add(typed);
        String normalized = SkillNames.normalize(typed);
        if (!normalized.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<String> known = em.createNativeQuery("""
                    WITH s AS (SELECT id, name FROM skill WHERE normalized = :n
                               UNION SELECT k.id, k.name FROM skill_alias a JOIN skill k ON k.id = a.skill_id
                                     WHERE a.normalized = :n)
                    SELECT name FROM s UNION SELECT a.alias FROM skill_alias a JOIN s ON a.skill_id = s.id""")
                    .setParameter("n", normalized).getResultList();
            names.addAll(known);
        }
        return names;
    }

    /** The catalogue's name when it knows the skill, else the typed name tidied. */
    public String normalizeOrKeep(String typed) {
        return canonical(typed).orElse(SkillNames.tidy(typed));
    }

    /**
     * Names and aliases live in two tables, each unique on its own: adding either takes this lock first, so two HR
     * admins cannot give one name to two skills at once (one as a name, the other as an alias).
     */
    private void lockNames() {
        AdvisoryLocks.exclusive(em, "mentoring:skill-names", "catalogue");
    }

    @Transactional
    public SkillView add(NewSkill request) {
        lockNames();
        List<String> names = new ArrayList<>();
        names.add(request.name());
        if (request.aliases() != null) {
            names.addAll(request.aliases());
        }
        for (String name : names) {
            if (canonical(name).isPresent()) {
                throw ProblemException.conflict("The catalogue already knows '" + SkillNames.tidy(name) + "'");
            }
        }
        Skill skill = new Skill();
        skill.id = UUID.randomUUID();
        skill.name = SkillNames.tidy(request.name());
        skill.normalized = SkillNames.normalize(request.name());
        skill.category = SkillNames.tidy(request.category());
        skill.createdAt = java.time.Instant.now();
        em.persist(skill);
        if (request.aliases() != null) {
            Map<String, String> unique = new LinkedHashMap<>();
            request.aliases().forEach(a -> unique.putIfAbsent(SkillNames.normalize(a), SkillNames.tidy(a)));
            unique.remove(skill.normalized);
            unique.forEach((normalized, alias) -> persistAlias(skill.id, normalized, alias));
        }
        em.flush();
        return views(List.of(skill)).get(0);
    }

    @Transactional
    public SkillView addAlias(UUID skillId, NewAlias request) {
        lockNames();
        Skill skill = em.find(Skill.class, skillId);
        if (skill == null) {
            throw ProblemException.notFound("Skill", skillId);
        }
        if (canonical(request.alias()).isPresent()) {
            throw ProblemException.conflict("The catalogue already knows '" + SkillNames.tidy(request.alias()) + "'");
        }
        persistAlias(skill.id, SkillNames.normalize(request.alias()), SkillNames.tidy(request.alias()));
        em.flush();
        return views(List.of(skill)).get(0);
    }

    @Transactional
    public SkillView removeAlias(UUID skillId, String alias) {
        lockNames();
        Skill skill = em.find(Skill.class, skillId);
        if (skill == null) {
            throw ProblemException.notFound("Skill", skillId);
        }
        int removed = em.createQuery("DELETE FROM SkillAlias a WHERE a.normalized = :n AND a.skillId = :s")
                .setParameter("n", SkillNames.normalize(alias)).setParameter("s", skillId).executeUpdate();
        if (removed == 0) {
            throw ProblemException.notFound("Alias", "'" + SkillNames.tidy(alias) + "' of " + skill.name);
        }
        return views(List.of(skill)).get(0);
    }

    private void persistAlias(UUID skillId, String normalized, String alias) {
        SkillAlias entity = new SkillAlias();
        entity.normalized = normalized;
        entity.alias = alias;
        entity.skillId = skillId;
        em.persist(entity);
    }

    private List<SkillView> views(List<Skill> skills) {
        if (skills.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<String>> aliases = new LinkedHashMap<>();
        em.flush();
        em.createQuery("SELECT a FROM SkillAlias a WHERE a.skillId IN :ids ORDER BY a.normalized", SkillAlias.class)
                .setParameter("ids", skills.stream().map(s -> s.id).toList())
                .getResultList()
                .forEach(a -> aliases.computeIfAbsent(a.skillId, k -> new ArrayList<>()).add(a.alias));
        return skills.stream()
                .map(s -> new SkillView(s.id, s.name, s.category, aliases.getOrDefault(s.id, List.of())))
                .toList();
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
