package org.mentoring.matching.program;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What programmes keep about a person whose data was erased: their enrolments keep the role (so a programme's
 * history still adds up) but not their goals, and every matching run keeps them as a participant by id and role
 * only, with the reasons, goals and breakdown of the pairs they are in removed (those name their department,
 * location, level, languages, skills and rating).
 */
@ApplicationScoped
public class ProgramErasure {

    @Inject
    EntityManager em;

    @Transactional
    public void forget(UUID profileId) {
        String id = profileId.toString();
        em.createNativeQuery("UPDATE matching.enrolment SET goals = '[]'::jsonb WHERE profile_id = :p AND goals <> '[]'::jsonb")
                .setParameter("p", profileId).executeUpdate();
        em.createNativeQuery("""
                UPDATE matching.matching_run r SET inputs = jsonb_set(r.inputs, '{participants}', (
                    SELECT jsonb_agg(CASE WHEN e ->> 'profileId' = :p THEN e || jsonb_build_object(
                            'level', NULL, 'department', NULL, 'location', NULL, 'timeZone', NULL,
                            'languages', '[]'::jsonb, 'skills', '{}'::jsonb, 'goals', '[]'::jsonb, 'capacity', 0,
                            'managementChain', '[]'::jsonb, 'quality', NULL, 'ratingCount', 0)
                        ELSE e END ORDER BY n)
                    FROM jsonb_array_elements(r.inputs -> 'participants') WITH ORDINALITY AS a(e, n)))
                WHERE r.inputs -> 'participants' @> jsonb_build_array(jsonb_build_object('profileId', CAST(:p AS text)))""")
                .setParameter("p", id).executeUpdate();
        em.createNativeQuery("""
                UPDATE matching.matching_run r SET pairs = (
                    SELECT jsonb_agg(CASE WHEN e ->> 'menteeId' = :p OR e ->> 'mentorId' = :p THEN e || jsonb_build_object(
                            'reasons', '[]'::jsonb, 'goalSkills', '[]'::jsonb, 'breakdown', '{}'::jsonb)
                        ELSE e END ORDER BY n)
                    FROM jsonb_array_elements(r.pairs) WITH ORDINALITY AS a(e, n))
                WHERE r.pairs @> jsonb_build_array(jsonb_build_object('menteeId', CAST(:p AS text)))
                   OR r.pairs @> jsonb_build_array(jsonb_build_object('mentorId', CAST(:p AS text)))""")
                .setParameter("p", id).executeUpdate();
    }
}
