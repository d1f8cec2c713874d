package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Ingresses make the four services look like one API: every /v1 segment of DESIGN.md reaches the owning
 * service on the port it serves, nothing else (such as /q) is exposed, only HRIS files pass the proxy above 2 MB,
 * and TLS comes from cert-manager.
 */
class IngressTest {

    /** The proxy's body limit of the Ingress that routes HRIS import files, and of the one that routes everything else. */
    private static final long HRIS_BODY_BYTES = 65L << 20;
    private static final long API_BODY_BYTES = 2L << 20;

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void everyV1SegmentRoutesToItsOwningService(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        List<Ingress> ingresses = manifests.all(Ingress.class);
        assertEquals(2, ingresses.size(), overlay + " should have the API's Ingress and the one for HRIS files");

        Map<String, String> expected = new TreeMap<>();
        for (MentoringService service : MentoringService.values()) {
            service.segments().forEach(segment -> expected.put("/v1/" + segment, service.serviceName()));
        }
        Map<String, String> routed = new TreeMap<>();
        for (Ingress ingress : ingresses) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    assertEquals("Prefix", path.getPathType(), overlay + ": " + path.getPath() + " must match by prefix");
                    String target = path.getBackend().getService().getName();
                    assertEquals(null, routed.put(path.getPath(), target), overlay + ": " + path.getPath() + " routed twice");
                    assertReachesTheServedPort(manifests, target, path.getBackend().getService().getPort());
                }
            }
        }
        assertEquals(expected, routed, overlay + ": routes of the Ingresses");
    }

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void onlyHrisFilesPassTheProxyAboveTwoMegabytes(String overlay) {
        // profile-service takes import files of up to 64 MB; every other body of the API at most 1 MiB, which the
        // services answer with a problem+json 413 themselves (the proxy lets a little more through for that).
        for (Ingress ingress : Manifests.of(overlay).all(Ingress.class)) {
            long limit = bytes(ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-body-size"));
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    assertEquals(path.getPath().equals("/v1/hris") ? HRIS_BODY_BYTES : API_BODY_BYTES, limit,
                            overlay + ": the proxy's body limit on " + path.getPath());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void everyHostIsServedOverTlsFromCertManager(String overlay) {
        List<Ingress> ingresses = Manifests.of(overlay).all(Ingress.class);
        Set<String> issued = new HashSet<>();
        for (Ingress ingress : ingresses) {
            if (ingress.getMetadata().getAnnotations().get("cert-manager.io/cluster-issuer") != null) {
                ingress.getSpec().getTls().forEach(tls -> issued.add(tls.getSecretName()));
            }
        }
        assertTrue(!issued.isEmpty(), overlay + ": no Ingress names a cert-manager issuer");
        for (Ingress ingress : ingresses) {
            Set<String> covered = new HashSet<>();
            ingress.getSpec().getTls().forEach(tls -> {
                assertTrue(issued.contains(tls.getSecretName()), overlay + ": TLS secret " + tls.getSecretName()
                        + " of " + ingress.getMetadata().getName() + " is not issued by cert-manager");
                covered.addAll(tls.getHosts());
            });
            for (IngressRule rule : ingress.getSpec().getRules()) {
                assertNotNull(rule.getHost(), overlay + ": a rule without a host would answer for any name");
                assertTrue(covered.contains(rule.getHost()), overlay + ": host " + rule.getHost() + " is not covered by TLS");
            }
        }
    }

    /** An nginx size ("2m", "65m", "512k") in bytes. */
    private static long bytes(String size) {
        assertNotNull(size, "an Ingress without a proxy-body-size takes nginx's default of 1m");
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        long number = Long.parseLong(Character.isDigit(unit) ? size : size.substring(0, size.length() - 1));
        return switch (unit) {
            case 'k' -> number << 10;
            case 'm' -> number << 20;
            case 'g' -> number << 30;
            default -> number;
        };
    }

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void calendarLinksUseTheHostTheIngressServes(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        String base = Workloads.envValue(manifests, Workloads.container(manifests, MentoringService.SESSION),
                "MENTORING_PUBLIC_BASE_URL");
        java.util.Set<String> hosts = new java.util.HashSet<>();
        for (Ingress ingress : manifests.all(Ingress.class)) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                hosts.add(rule.getHost());
            }
        }
        java.net.URI uri = java.net.URI.create(base);
        assertEquals("https", uri.getScheme(), overlay + ": " + base);
        assertTrue(hosts.contains(uri.getHost()), overlay + ": MENTORING_PUBLIC_BASE_URL " + base
                + " is not served by the Ingress (" + hosts + ")");
    }

    private static void assertReachesTheServedPort(Manifests manifests, String serviceName, ServiceBackendPort backendPort) {
        MentoringService owner = List.of(MentoringService.values()).stream()
                .filter(service -> service.serviceName().equals(serviceName)).findFirst()
                .orElseThrow(() -> new AssertionError(manifests + ": the Ingress routes to " + serviceName
                        + ", which is none of the platform's services"));
        Service service = manifests.get(Service.class, serviceName);
        ServicePort port = service.getSpec().getPorts().stream()
                .filter(candidate -> backendPort.getName() != null ? backendPort.getName().equals(candidate.getName())
                        : backendPort.getNumber().equals(candidate.getPort()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(manifests + ": Service " + serviceName + " has no port " + backendPort));
        Container container = Workloads.container(manifests, owner);
        IntOrString target = port.getTargetPort();
        int containerPort = target.getIntVal() != null ? target.getIntVal()
                : container.getPorts().stream().filter(candidate -> target.getStrVal().equals(candidate.getName()))
                        .findFirst().orElseThrow(() -> new AssertionError("no container port " + target.getStrVal()))
                        .getContainerPort();
        assertEquals(owner.module().httpPort(), containerPort,
                manifests + ": the Ingress reaches " + serviceName + " on a port it does not serve");
    }
}
