package org.mentoring.platform.web;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers bearer tokens this replica has already verified, so a client sending the same token with every request
 * pays for the signature check and claim parsing once rather than on each call (it was a third of the CPU time of a
 * simple read).
 *
 * <p>The cache is keyed by the whole token text, signature included, so only a byte-identical token can hit. An
 * entry is used until the token's own {@code exp} or {@code mentoring.auth.token-cache.max-age} after it was
 * verified, whichever is first; after that the token is verified again from scratch (so an expired token is
 * refused as before, and a key removed from the issuer's set stops working within the max age). Tokens that fail
 * verification are never cached. The cache holds at most {@code mentoring.auth.token-cache.max-entries} tokens:
 * when full, expired entries are dropped (at most once a second) and, if it is still full, new tokens are verified
 * without being cached.
 * {@code max-age=0} turns it off.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    private final Map<String, Entry> verified = new ConcurrentHashMap<>();
    private final AtomicLong lastSweepMillis = new AtomicLong(Long.MIN_VALUE / 2);
    private JWTParser delegate;
    private Duration maxAge;
    private int maxEntries;
    private Clock clock = Clock.systemUTC();

    private record Entry(JsonWebToken token, long usableUntilMillis) {
    }

    VerifiedTokenCache() {
    }

    @Inject
    VerifiedTokenCache(DefaultJWTParser delegate,
                       @ConfigProperty(name = "mentoring.auth.token-cache.max-age", defaultValue = "PT5M") Duration maxAge,
                       @ConfigProperty(name = "mentoring.auth.token-cache.max-entries", defaultValue = "5000") int maxEntries) {
        this(delegate, maxAge, maxEntries, Clock.systemUTC());
    }

    VerifiedTokenCache(JWTParser delegate, Duration maxAge, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.maxAge = maxAge;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (token == null || maxAge.isZero() || maxAge.isNegative() || maxEntries <= 0) {
            return delegate.parse(token);
        }
        long now = clock.millis();
        Entry hit = verified.get(token);
        if (hit != null) {
            if (now < hit.usableUntilMillis()) {
                return hit.token();
            }
            verified.remove(token, hit);
        }
        JsonWebToken fresh = delegate.parse(token);
        long until = now + maxAge.toMillis();
        long expiresAt = fresh.getExpirationTime() * 1000L;
        if (expiresAt > 0) {
            until = Math.min(until, expiresAt);
        }
        if (until > now && roomFor(now)) {
            verified.put(token, new Entry(fresh, until));
        }
        return fresh;
    }

    int size() {
        return verified.size();
    }

    private boolean roomFor(long now) {
        if (verified.size() < maxEntries) {
            return true;
        }
        // Sweeping walks the whole cache: at most once a second, so a cache full of live tokens does not make every
        // request with a new token pay for a scan.
        long last = lastSweepMillis.get();
        if (now - last >= 1000 && lastSweepMillis.compareAndSet(last, now)) {
            verified.values().removeIf(e -> e.usableUntilMillis() <= now);
        }
        return verified.size() < maxEntries;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
