package org.mentoring.profile.signing;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's keys for the signing secrets it stores, from {@code mentoring.secrets.keys}. */
@ApplicationScoped
public class SecretKeyring {

    private final SealedSecrets sealed;

    SecretKeyring(@ConfigProperty(name = "mentoring.secrets.keys") Optional<String> keys) {
        try {
            this.sealed = SealedSecrets.parse(keys.orElse(null));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mentoring.secrets.keys (MENTORING_SECRETS_KEYS): " + e.getMessage());
        }
    }

    public SealedSecrets sealed() {
        return sealed;
    }
}
