package org.mentoring.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The verified-token cache never lets a token through that the verifier would refuse at that moment. */
class VerifiedTokenCacheTest {

    private final AtomicLong nowMillis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(nowMillis.get());
        }
    };
    private final Verifier verifier = new Verifier();

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCache() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, Duration.ofMinutes(5), 100, clock);
        verifier.valid("t1", seconds(3600));
        JsonWebToken first = cache.parse("t1");
        nowMillis.addAndGet(60_000);
        assertSame(first, cache.parse("t1"));
        assertEquals(List.of("t1"), verifier.calls);
    }

    @Test
    void theTokensOwnExpiryEndsTheEntryAndTheVerifierDecidesAgain() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, Duration.ofMinutes(5), 100, clock);
        verifier.valid("t1", seconds(30));
        cache.parse("t1");
        nowMillis.addAndGet(30_000);
        verifier.refuse("t1");
        assertThrows(ParseException.class, () -> cache.parse("t1"));
        assertEquals(List.of("t1", "t1"), verifier.calls);
    }

    @Test
    void theMaxAgeEndsAnEntryBeforeALongExpiry() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, Duration.ofMinutes(5), 100, clock);
        verifier.valid("t1", seconds(86_400));
        cache.parse("t1");
        nowMillis.addAndGet(Duration.ofMinutes(5).toMillis());
        verifier.refuse("t1"); // e.g. its key was removed from the issuer's set
        assertThrows(ParseException.class, () -> cache.parse("t1"));
    }

    @Test
    void aRefusedTokenIsNeverCached() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, Duration.ofMinutes(5), 100, clock);
        verifier.refuse("bad");
        assertThrows(ParseException.class, () -> cache.parse("bad"));
        assertThrows(ParseException.class, () -> cache.parse("bad"));
        assertEquals(List.of("bad", "bad"), verifier.calls);
        assertEquals(0, cache.size());
    }

    @Test
    void aFullCacheDropsExpiredEntriesAndOtherwiseVerifiesWithoutCaching() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, Duration.ofMinutes(5), 2, clock);
        verifier.valid("a", seconds(10));
        verifier.valid("b", seconds(3600));
        verifier.valid("c", seconds(3600));
        cache.parse("a");
        cache.parse("b");
        cache.parse("c");
        assertEquals(2, cache.size());
        cache.parse("c");
        assertEquals(List.of("a", "b", "c", "c"), verifier.calls);
        nowMillis.addAndGet(10_000);
        cache.parse("c");
        cache.parse("c");
        assertEquals(List.of("a", "b", "c", "c", "c"), verifier.calls);
        assertEquals(2, cache.size());
    }

    @Test
    void maxAgeZeroTurnsTheCacheOff() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, Duration.ZERO, 100, clock);
        verifier.valid("t1", seconds(3600));
        cache.parse("t1");
        cache.parse("t1");
        assertEquals(List.of("t1", "t1"), verifier.calls);
    }

    private long seconds(long fromNow) {
        return nowMillis.get() / 1000 + fromNow;
    }

    /** A verifier that accepts or refuses tokens as the test says and records every call. */
    private static final class Verifier implements JWTParser {
        final List<String> calls = new ArrayList<>();
        private final Map<String, Long> expiries = new java.util.HashMap<>();

        void valid(String token, long expiresAtSecond) {
            expiries.put(token, expiresAtSecond);
        }

        void refuse(String token) {
            expiries.remove(token);
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            calls.add(token);
            Long exp = expiries.get(token);
            if (exp == null) {
                throw new ParseException("refused");
            }
            return (JsonWebToken) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{JsonWebToken.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getExpirationTime" -> exp;
                        case "getRawToken", "getName", "toString" -> token;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> null;
                    });
        }

        @Override
        public JsonWebToken parse(String token, JWTAuthContextInfo context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, PublicKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, SecretKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, String secret) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, PrivateKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, SecretKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, String secret) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken parseOnly(String token) {
            throw new UnsupportedOperationException();
        }
    }
}
