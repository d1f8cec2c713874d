package org.mentoring.profile.hris;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.profile.config.HrisConfig;
import org.mentoring.profile.signing.SigningSecrets;

/** Registration of HRIS integrations and the life of their signing secrets. */
@ApplicationScoped
public class IntegrationService {

    @Inject
    EntityManager em;

    @Inject
    HrisConfig config;

    @Transactional
    public HrisIntegration register(IntegrationViews.NewIntegration request) {
        String name = request.name().strip();
        boolean taken = !em.createQuery("SELECT i.id FROM HrisIntegration i WHERE i.name = :n", UUID.class)
                .setParameter("n", name).getResultList().isEmpty();
        if (taken) {
            throw ProblemException.conflict("An integration named '" + name + "' exists already");
        }
        HrisIntegration integration = new HrisIntegration();
        integration.id = UUID.randomUUID();
        integration.name = name;
        integration.fieldMapping = request.fieldMapping();
        integration.createdAt = Instant.now();
        integration.secrets = SigningSecrets.fresh(integration.createdAt);
        em.persist(integration);
        return integration;
    }

    /**
     * A new secret; the old one keeps verifying for the configured grace period, and so do those replaced before it
     * within theirs. The integration's row is locked first, so that two rotations at once both take effect in turn.
     */
    @Transactional
    public HrisIntegration rotateSecret(UUID id) {
        HrisIntegration integration = require(id.toString());
        em.lock(integration, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(integration);
        Instant now = Instant.now();
        integration.secrets.rotate(now.plus(config.secretRotationGrace()), now);
        return integration;
    }

    @Transactional
    public List<HrisIntegration> list() {
        return em.createQuery("SELECT i FROM HrisIntegration i ORDER BY i.name", HrisIntegration.class).getResultList();
    }

    /** The integration named in a path, or a 404 (also for ids that are not UUIDs). */
    @Transactional
    public HrisIntegration require(String id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("HRIS integration", id));
    }

    @Transactional
    public Optional<HrisIntegration> find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(HrisIntegration.class, uuid));
    }
}
