package org.mentoring.profile.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps webhook deliveries away from the platform's own network (server-side request forgery): a target URL must
 * be absolute http(s) and its host must resolve only to public addresses. Checked when a subscription is saved and
 * again before every delivery, since DNS may change in between.
 */
public final class TargetGuard {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata",
            "instance-data", "metadata.azure.com");

    private final boolean allowHttp;
    private final boolean allowPrivate;
    private final Resolver resolver;

    /** Name resolution, replaceable in unit tests. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public TargetGuard(boolean allowHttp, boolean allowPrivate, Resolver resolver) {
        this.allowHttp = allowHttp;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public TargetGuard(boolean allowHttp, boolean allowPrivate) {
        this(allowHttp, allowPrivate, InetAddress::getAllByName);
    }

    /** Why deliveries may not go to this URL, or empty when they may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return Optional.of(allowHttp ? "must be an http or https URL" : "must be an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        String lower = bare.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (METADATA_HOSTS.contains(lower) || lower.equals("localhost") || lower.endsWith(".localhost")) {
            return Optional.of("must not point at a local or metadata host");
        }
        // One answer whether the host does not resolve or resolves inside: which addresses it has, or whether a name
        // exists at all, would map the service's own network for the caller.
        String inside = "has a host that does not resolve to public addresses only";
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return Optional.of(inside);
        }
        if (addresses.length == 0) {
            return Optional.of(inside);
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of(inside);
            }
        }
        return Optional.empty();
    }

    /** Whether an address is on the public internet: not loopback, link-local, private, unspecified or multicast. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                   // 0.0.0.0/8 "this network"
                    && !(first == 100 && second >= 64 && second < 128) // 100.64/10 shared address space
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // 198.18/15 benchmarking
                    && first < 240;                              // 240/4 reserved, 255.255.255.255 broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {                        // fc00::/7 unique local
                return false;
            }
            if ((first == 0xfe) && ((b[1] & 0xc0) == 0xc0)) {    // fec0::/10 deprecated site-local
                return false;
            }
            if (isMappedOrCompatibleV4(b) || isTranslatedV4(b) || isNat64(b)) { // ::ffff:a.b.c.d, 64:ff9b::a.b.c.d
                return isPublicV4(b[12], b[13], b[14], b[15]);
            }
            if (first == 0x20 && b[1] == 0x02) {                 // 2002::/16 6to4 carries one in its next 32 bits
                return isPublicV4(b[2], b[3], b[4], b[5]);
            }
            if (first == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) { // 2001::/32 Teredo: a tunnel, not a host
                return false;
            }
            if (first == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) { // rest of 64:ff9b::/32
                return false;                                    // local-use NAT64 (64:ff9b:1::/48): to anything inside
            }
            return !(first == 0x01 && b[1] == 0 && allZero(b, 2, 8)) // 100::/64 discard
                    && !(first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8);
        }
        return false;
    }

    private static boolean isPublicV4(byte a, byte b, byte c, byte d) {
        try {
            return isPublic(InetAddress.getByAddress(new byte[] {a, b, c, d}));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** ::ffff:0:a.b.c.d, an IPv4-translated address (RFC 2765). */
    private static boolean isTranslatedV4(byte[] b) {
        return allZero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0 && b[11] == 0;
    }

    /** 64:ff9b::a.b.c.d, the well-known NAT64 prefix (RFC 6052): a gateway reaches the IPv4 address it carries. */
    private static boolean isNat64(byte[] b) {
        return b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
    }

    private static boolean isMappedOrCompatibleV4(byte[] b) {
        if (!allZero(b, 0, 10)) {
            return false;
        }
        return ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || (b[10] == 0 && b[11] == 0);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
