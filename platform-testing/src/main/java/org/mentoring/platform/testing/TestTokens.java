package org.mentoring.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/** Bearer tokens signed with the test key pair, which only the test runs trust. */
public final class TestTokens {

    public static final String ISSUER = "https://mentoring.test/issuer";
    /** The audience the services expect in tests ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "mentoring-api";
    public static final String PUBLIC_KEY = "mentoring-test-keys/public.pem";
    private static final String PRIVATE_KEY = "mentoring-test-keys/private.pem";
    private static PrivateKey signingKey;

    private TestTokens() {
    }

    public static String token(String subject, String email, String... roles) {
        return token(java.util.Map.of(), subject, email, roles);
    }

    /** A token with some claims added or replaced ({@code aud}, {@code email_verified}, ...). */
    public static String token(java.util.Map<String, Object> claims, String subject, String email, String... roles) {
        io.smallrye.jwt.build.JwtClaimsBuilder builder = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(email)
                .claim("email", email)
                .groups(new HashSet<>(Arrays.asList(roles)))
                .expiresIn(Duration.ofHours(1));
        claims.forEach(builder::claim);
        return builder.sign(signingKey());
    }

    private static synchronized PrivateKey signingKey() {
        if (signingKey == null) {
            try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(PRIVATE_KEY)) {
                if (in == null) {
                    throw new IllegalStateException(PRIVATE_KEY + " is not on the test classpath");
                }
                signingKey = KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot read the test signing key", e);
            }
        }
        return signingKey;
    }

    /** The {@code Authorization} header value for a token. */
    public static String bearer(String subject, String email, String... roles) {
        return "Bearer " + token(subject, email, roles);
    }
}
