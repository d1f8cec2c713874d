package org.mentoring.feedback.privacy;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.feedback.Sql;

/**
 * Removes a person from this schema when profile-service erases them: their comments and kudos messages go, their
 * answers are unlinked from them (the numbers stay for anonymous aggregates), kudos they received and their mentor
 * quality are deleted, and every read model forgets their id. A tombstone (id and version) keeps older events from
 * bringing them back. Runs in the transaction of the erasure event, so it happens once and entirely.
 */
@ApplicationScoped
public class Erasure {

    @Inject
    Sql sql;

    public void erase(UUID profileId, long version) {
        sql.update("""
                INSERT INTO person (profile_id, status, erased, version) VALUES (?, 'erased', TRUE, ?)
                ON CONFLICT (profile_id) DO UPDATE SET external_id = NULL, email = NULL, department = NULL,
                    location = NULL, level = NULL, status = 'erased', erased = TRUE,
                    version = GREATEST(person.version, excluded.version)
                """, profileId, version);
        sql.update("UPDATE enrolment SET profile_id = NULL WHERE profile_id = ?", profileId);
        sql.update("UPDATE mentorship_participant SET profile_id = NULL WHERE profile_id = ?", profileId);
        sql.update("UPDATE session SET participant_ids = array_remove(participant_ids, ?) WHERE ? = ANY(participant_ids)",
                profileId, profileId);
        sql.update("UPDATE goal SET owner_id = NULL WHERE owner_id = ?", profileId);
        sql.update("UPDATE check_in SET created_by = NULL WHERE created_by = ?", profileId);
        sql.update("UPDATE program SET admin_ids = array_remove(admin_ids, ?) WHERE ? = ANY(admin_ids)",
                profileId, profileId);

        sql.update("""
                UPDATE feedback_request SET profile_id = NULL,
                    status = CASE WHEN status = 'open' THEN 'closed' ELSE status END, changed_at = now()
                WHERE profile_id = ?
                """, profileId);
        sql.update("UPDATE feedback_request SET about_profile_id = NULL WHERE about_profile_id = ?", profileId);
        sql.update("UPDATE feedback_answer SET author_id = NULL, comment = NULL, share_comment = FALSE "
                + "WHERE author_id = ?", profileId);
        sql.update("UPDATE feedback_answer SET about_profile_id = NULL WHERE about_profile_id = ?", profileId);

        sql.update("DELETE FROM kudos WHERE to_profile_id = ?", profileId);
        sql.update("UPDATE kudos SET from_profile_id = NULL, message = NULL WHERE from_profile_id = ?", profileId);
        sql.update("DELETE FROM mentor_quality WHERE profile_id = ?", profileId);

        // Published events and dead letters that name the person are history nobody needs any more.
        String pattern = "%" + profileId + "%";
        sql.update("DELETE FROM outbox WHERE sent_at IS NOT NULL AND (data LIKE ? OR record_key = ?)", pattern,
                profileId.toString());
        // Matched on the payload's bytes: decoding every dead letter as UTF-8 fails on the first one that is not
        // (what a dead letter often is), and with it the whole erasure.
        sql.update("DELETE FROM dead_letter WHERE record_key = ? OR position(convert_to(?, 'UTF8') IN payload) > 0",
                profileId.toString(), profileId.toString());
    }
}
