package org.mentoring.profile.privacy;

import java.io.IOException;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.profile.events.ProfileEvents;
import org.mentoring.profile.profile.Profile;
import org.mentoring.profile.profile.ProfileService;
import org.mentoring.profile.profile.ProfileStatus;
import org.mentoring.profile.profile.ProfileView;
import org.mentoring.profile.webhook.DeliveryQueue;

/**
 * Erasure and export of a person's data. Erasure keeps only the profile's id as a tombstone (so references from
 * other services stay resolvable to "erased"), deletes the raw HRIS deliveries about the person, their earlier
 * profile events and the webhook deliveries of those events, takes them off their reports' profiles (who then have
 * no manager until the HRIS or HR names one) and remembers their employee id as a digest, so that the HRIS does not
 * bring them back ({@link ErasedEmployees}).
 */
@ApplicationScoped
public class PersonalDataService {

    @Inject
    EntityManager em;

    @Inject
    ProfileService profiles;

    @Inject
    ProfileEvents events;

    @Inject
    ObjectMapper mapper;

    @Inject
    ErasedEmployees erasedEmployees;

    @Transactional
    public void erase(UUID id) {
        // Imports running now finish first, and later ones see the erasure (ErasedEmployees.lockExclusive).
        erasedEmployees.lockExclusive();
        erasedEmployees.lockProfileExclusive(id);
        // Locked from the start: a change in flight waits for the erasure and then finds the profile changed (412).
        Profile p = em.find(Profile.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (p == null || p.isErased()) {
            throw ProblemException.notFound("Profile", id);
        }
        String externalId = p.externalId;
        // A digest of the person's last HRIS row is derived from their data: it goes too (no entity field holds it).
        em.createNativeQuery("UPDATE profile SET hris_row_digest = NULL, hris_row_version = NULL WHERE id = :id")
                .setParameter("id", id).executeUpdate();
        // By employee id only the deliveries no profile took (held, refused): one that another profile took, under an
        // employee id since given to this person, is that profile's.
        em.createNativeQuery("DELETE FROM hris_event WHERE profile_id = :id OR (profile_id IS NULL AND external_id = :x)")
                .setParameter("id", id).setParameter("x", externalId == null ? "" : externalId).executeUpdate();
        // The person's earlier profile events carry their data: drop them from the outbox (sent or not: the erased
        // event that follows supersedes them for every consumer) and from the webhook delivery log, where their
        // bodies wait or were kept for redelivery.
        em.createNativeQuery("DELETE FROM outbox WHERE topic = :topic AND record_key = :id")
                .setParameter("topic", ProfileEvents.TOPIC).setParameter("id", id.toString()).executeUpdate();
        em.createNativeQuery("DELETE FROM dead_letter WHERE topic = :topic AND record_key = :id")
                .setParameter("topic", ProfileEvents.TOPIC).setParameter("id", id.toString()).executeUpdate();
        // Matched on the CloudEvent's subject (the profile id): other people's profile events name this id too, as
        // their manager or in their management chain, and those deliveries are theirs. strpos only narrows the parse.
        em.createNativeQuery("DELETE FROM webhook_delivery d WHERE d.event_type LIKE 'mentoring.profile.%' AND "
                        + DeliveryQueue.aboutSubject("d"))
                .setParameter("subject", id.toString()).executeUpdate();
        if (externalId != null) {
            erasedEmployees.add(externalId);
            // Import errors name the row's employee id: the person's entries go, the counts stay.
            em.createNativeQuery("UPDATE hris_import SET errors = coalesce((SELECT jsonb_agg(e ORDER BY n) FROM "
                            + "jsonb_array_elements(errors) WITH ORDINALITY AS a(e, n) WHERE e ->> 'externalId' IS DISTINCT FROM "
                            + ":x), '[]'::jsonb) WHERE errors @> jsonb_build_array(jsonb_build_object('externalId', CAST(:x AS text)))")
                    .setParameter("x", externalId).executeUpdate();
        }
        // A webhook subscription names who made it by their token's subject (an identity provider's user id, their
        // employee id or their email) and by the profile their token linked to. Neither stays: the owner becomes a
        // random mark, one for all of the person's subscriptions (a digest of an employee id or email could be
        // reversed by trying them). HR still sees and manages the subscriptions.
        em.createNativeQuery("UPDATE webhook_subscription SET owner = :mark, owner_profile_id = NULL WHERE " + OWNED_BY)
                .setParameter("mark", "erased:" + UUID.randomUUID()).setParameter("id", id)
                .setParameter("x", externalId == null ? "" : externalId)
                .setParameter("e", p.email == null ? "" : p.email).executeUpdate();
        // The person's reports lose their manager (and the employee id naming them), each change published.
        List<Profile> reports = em.createQuery("SELECT r FROM Profile r WHERE r.id <> :id AND (r.managerId = :id"
                        + " OR r.managerExternalId = :x) ORDER BY r.id", Profile.class)
                .setParameter("id", id).setParameter("x", externalId == null ? "" : externalId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        for (Profile report : reports) {
            report.managerId = null;
            report.managerExternalId = null;
            report.updatedAt = Profile.now();
        }
        p.externalId = null;
        p.email = null;
        p.displayName = null;
        p.jobTitle = null;
        p.department = null;
        p.location = null;
        p.timeZone = null;
        p.languages = new ArrayList<>();
        p.level = null;
        p.gradeLabel = null;
        p.managerId = null;
        p.managerExternalId = null;
        p.hireDate = null;
        p.bio = null;
        p.openToRoles = new ArrayList<>();
        p.skills = new ArrayList<>();
        p.goals = new ArrayList<>();
        p.topics = new ArrayList<>();
        p.capacity = 0;
        p.availability = new ArrayList<>();
        p.formats = new ArrayList<>();
        p.openToRequests = false;
        p.hrisEffectiveAt = null;
        p.hrisSequence = null;
        p.hrisIntegrationId = null;
        p.status = ProfileStatus.ERASED;
        p.erasedAt = Profile.now();
        p.updatedAt = p.erasedAt;
        em.flush();
        reports.forEach(events::updated);
        events.erased(p);
    }

    /**
     * SQL: a webhook subscription made by the person ({@code :id}): made with a token linked to their profile, or
     * whose token's subject is their employee id ({@code :x}) or their email ({@code :e}) (subscriptions made before
     * the profile was kept, or by a token that linked to no profile then); erasure and export find the same ones.
     */
    private static final String OWNED_BY = "(owner_profile_id = :id OR owner = :x OR lower(owner) = lower(:e))";

    @Transactional
    public PersonalDataExport export(UUID id) {
        Profile p = profiles.find(id);
        String externalId = p.externalId == null ? "" : p.externalId;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT webhook_id, received_at, event_type, effective_at, outcome, body "
                        + "FROM hris_event WHERE profile_id = :id OR (profile_id IS NULL AND external_id = :x) "
                        + "ORDER BY received_at, webhook_id")
                .setParameter("id", id).setParameter("x", externalId).getResultList();
        List<PersonalDataExport.HrisRecord> hris = new ArrayList<>();
        for (Object[] row : rows) {
            hris.add(new PersonalDataExport.HrisRecord((String) row[0], instant(row[1]), (String) row[2],
                    instant(row[3]), (String) row[4], body((byte[]) row[5])));
        }
        String integrationName = p.hrisIntegrationId == null ? null : (String) em.createNativeQuery(
                        "SELECT name FROM hris_integration WHERE id = :i")
                .setParameter("i", p.hrisIntegrationId).getResultStream().findFirst().orElse(null);
        PersonalDataExport.Source source = new PersonalDataExport.Source(p.hrisIntegrationId, integrationName,
                p.hrisEffectiveAt, p.managerExternalId);
        @SuppressWarnings("unchecked")
        List<Object[]> errorRows = em.createNativeQuery("SELECT i.id, i.created_at, (e ->> 'line')::int, e ->> 'field', "
                        + "e ->> 'message' FROM hris_import i, jsonb_array_elements(i.errors) e "
                        + "WHERE i.errors @> jsonb_build_array(jsonb_build_object('externalId', CAST(:x AS text))) "
                        + "AND e ->> 'externalId' = :x ORDER BY i.created_at, 3")
                .setParameter("x", externalId).getResultList();
        List<PersonalDataExport.ImportError> importErrors = new ArrayList<>();
        for (Object[] row : errorRows) {
            importErrors.add(new PersonalDataExport.ImportError((UUID) row[0], instant(row[1]),
                    ((Number) row[2]).intValue(), (String) row[3], (String) row[4]));
        }
        @SuppressWarnings("unchecked")
        // Every delivery sent at least once disclosed the event, whether or not the receiver took it (a 4xx, a timeout
        // after the body went out, one still being retried); one queued but not yet sent did not, yet.
        List<Object[]> recipientRows = em.createNativeQuery("SELECT s.id, s.url, s.description, count(*), "
                        + "max(coalesce(d.delivered_at, d.last_attempt_at)) FROM webhook_delivery d "
                        + "JOIN webhook_subscription s ON s.id = d.subscription_id "
                        + "WHERE d.event_type LIKE 'mentoring.profile.%' AND (d.status = 'delivered' OR d.attempts > 0) AND "
                        + DeliveryQueue.aboutSubject("d") + " GROUP BY s.id ORDER BY s.id")
                .setParameter("subject", id.toString()).getResultList();
        List<PersonalDataExport.Recipient> recipients = new ArrayList<>();
        for (Object[] row : recipientRows) {
            // The host names the recipient; the rest of a URL may carry the subscriber's own credentials.
            recipients.add(new PersonalDataExport.Recipient((UUID) row[0], URI.create((String) row[1]).getHost(),
                    (String) row[2], ((Number) row[3]).longValue(), instant(row[4])));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> ownedRows = em.createNativeQuery("SELECT id, url, description, created_at FROM webhook_subscription "
                        + "WHERE " + OWNED_BY + " ORDER BY created_at, id")
                .setParameter("id", id).setParameter("x", externalId).setParameter("e", p.email == null ? "" : p.email).getResultList();
        List<PersonalDataExport.OwnSubscription> owned = new ArrayList<>();
        for (Object[] row : ownedRows) {
            owned.add(new PersonalDataExport.OwnSubscription((UUID) row[0], URI.create((String) row[1]).getHost(),
                    (String) row[2], instant(row[3])));
        }
        return new PersonalDataExport(Instant.now(), ProfileView.of(p), source, hris, importErrors, recipients, owned);
    }

    private JsonNode body(byte[] raw) {
        try {
            return mapper.readTree(raw);
        } catch (IOException e) {
            return TextNode.valueOf(new String(raw, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return null;
    }
}
