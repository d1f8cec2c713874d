package org.mentoring.profile.signing;

import io.quarkus.arc.Arc;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Seals a signing secret on its way into the database and opens it on the way out (see {@link SealedSecrets}); the
 * entity holds the plain {@code whsec_} secret.
 */
@Converter
public class SealedSecretConverter implements AttributeConverter<String, String> {

    @Override
    public String convertToDatabaseColumn(String plain) {
        return plain == null ? null : keys().seal(plain);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return stored == null ? null : keys().open(stored);
    }

    private static SealedSecrets keys() {
        return Arc.container().instance(SecretKeyring.class).get().sealed();
    }
}
