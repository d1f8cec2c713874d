package org.mentoring.profile.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TargetGuardTest {

    /** A resolver over a fixed table, so the rules are tested without DNS. */
    private static TargetGuard.Resolver table(Map<String, String> names) {
        return host -> {
            String address = names.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        };
    }

    private final TargetGuard strict = new TargetGuard(false, false, table(Map.of(
            "hooks.example.com", "93.184.215.14",
            "internal.example.com", "10.1.2.3",
            "rebound.example.com", "127.0.0.1",
            "v6.example.com", "2606:4700::6810:85e5",
            "ula.example.com", "fd12:3456::1")));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "169.254.0.1", "0.0.0.0", "224.0.0.1", "239.1.1.1", "100.64.0.1", "255.255.255.255",
            "::1", "::", "fe80::1", "fc00::1", "fdff::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
            "::ffff:169.254.169.254", "2001:db8::1", "64:ff9b::a9fe:a9fe", "64:ff9b::a00:5", "64:ff9b::7f00:1",
            "64:ff9b:1::808:808", "2002:a00:1::1", "2002:7f00:1::", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "::ffff:0:a00:1", "::ffff:0:7f00:1"})
    void refusesNonPublicAddresses(String address) throws UnknownHostException {
        assertFalse(TargetGuard.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1", "100.128.0.1",
            "2606:4700::6810:85e5", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
    void acceptsPublicAddresses(String address) throws UnknownHostException {
        assertTrue(TargetGuard.isPublic(InetAddress.getByName(address)), address);
    }

    @Test
    void httpsToAPublicHostIsAccepted() {
        assertEquals(Optional.empty(), strict.refusal("https://hooks.example.com/mentoring?x=1"));
        assertEquals(Optional.empty(), strict.refusal("https://v6.example.com:8443/in"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.com/", "ftp://hooks.example.com/", "hooks.example.com/x",
            "https://user:pw@hooks.example.com/", "https://internal.example.com/", "https://rebound.example.com/",
            "https://ula.example.com/", "https://127.0.0.1/", "https://[::1]/", "https://localhost/",
            "https://api.localhost/", "https://metadata.google.internal/computeMetadata/v1/",
            "https://169.254.169.254/latest/meta-data/", "https://unknown.example.com/", "https:///nohost",
            "not a url"})
    void refusedTargets(String url) {
        assertTrue(strict.refusal(url).isPresent(), url);
    }

    @Test
    void aHostInsideAndAHostThatDoesNotResolveGetTheSameAnswerNamingNoAddress() {
        Optional<String> inside = strict.refusal("https://internal.example.com/");
        assertEquals(inside, strict.refusal("https://unknown.example.com/"));
        assertEquals(inside, strict.refusal("https://rebound.example.com/"));
        assertFalse(inside.orElseThrow().contains("10.1.2.3"), inside.get());
    }

    @Test
    void configurationOpensHttpAndPrivateTargets() {
        TargetGuard local = new TargetGuard(true, true, table(Map.of()));
        assertEquals(Optional.empty(), local.refusal("http://127.0.0.1:9000/hook"));
        assertEquals(Optional.empty(), local.refusal("http://localhost:9000/hook"));
        TargetGuard httpOnly = new TargetGuard(true, false, table(Map.of("hooks.example.com", "93.184.215.14")));
        assertEquals(Optional.empty(), httpOnly.refusal("http://hooks.example.com/"));
        assertTrue(httpOnly.refusal("http://127.0.0.1/").isPresent());
    }
}
