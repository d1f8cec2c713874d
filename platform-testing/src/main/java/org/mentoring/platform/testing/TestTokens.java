package org.mentoring.platform.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;

import io.smallrye.jwt.build.Jwt;

/** Bearer tokens signed with the test key pair, which only the test runs trust. */
public final class TestTokens {

    public static final String ISSUER = "https://mentoring.test/issuer";
    public static final String PUBLIC_KEY = "mentoring-test-keys/public.pem";
    private static final String PRIVATE_KEY = "mentoring-test-keys/private.pem";

    private TestTokens() {
    }

    public static String token(String subject, String email, String... roles) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(email)
                .claim("email", email)
                .groups(new HashSet<>(Arrays.asList(roles)))
                .expiresIn(Duration.ofHours(1))
                .sign(PRIVATE_KEY);
    }

    /** The {@code Authorization} header value for a token. */
    public static String bearer(String subject, String email, String... roles) {
        return "Bearer " + token(subject, email, roles);
    }
}
