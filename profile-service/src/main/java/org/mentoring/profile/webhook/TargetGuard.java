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
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return Optional.of("has a host that does not resolve");
        }
        if (addresses.length == 0) {
            return Optional.of("has a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of("resolves to a private, loopback, link-local or metadata address ("
                        + address.getHostAddress() + ")");
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
            if (isMappedOrCompatibleV4(b)) {                     // ::ffff:a.b.c.d carries an IPv4 address
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return !(first == 0x01 && b[1] == 0 && allZero(b, 2, 8)) // 100::/64 discard
                    && !(first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8);
        }
        return false;
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
