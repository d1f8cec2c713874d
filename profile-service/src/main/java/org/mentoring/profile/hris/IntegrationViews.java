package org.mentoring.profile.hris;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the integration registry. */
public final class IntegrationViews {

    private IntegrationViews() {
    }

    public record NewIntegration(
            @NotBlank @Size(max = 100) String name,
            @NotNull FieldMapping fieldMapping) {
    }

    /** An integration as listed: never its secret. */
    public record IntegrationView(UUID id, String name, FieldMapping fieldMapping, Instant createdAt,
                                  Instant secretRotatedAt) {
        static IntegrationView of(HrisIntegration i) {
            return new IntegrationView(i.id, i.name, i.fieldMapping, i.createdAt, i.secrets.secretRotatedAt);
        }
    }

    /** The answer to a registration or rotation: the only time the secret is shown. */
    public record IntegrationWithSecret(UUID id, String name, FieldMapping fieldMapping, Instant createdAt,
                                        Instant secretRotatedAt, String secret, Instant previousSecretValidUntil) {
        static IntegrationWithSecret of(HrisIntegration i) {
            return new IntegrationWithSecret(i.id, i.name, i.fieldMapping, i.createdAt, i.secrets.secretRotatedAt,
                    i.secrets.secret, i.secrets.previousValidUntil(Instant.now()));
        }
    }
}
