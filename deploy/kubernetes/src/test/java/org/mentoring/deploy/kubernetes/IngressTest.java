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
 * The one Ingress makes the four services look like one API: every /v1 segment of DESIGN.md reaches the owning
 * service on the port it serves, nothing else (such as /q) is exposed, and TLS comes from cert-manager.
 */
class IngressTest {

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void everyV1SegmentRoutesToItsOwningService(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        List<Ingress> ingresses = manifests.all(Ingress.class);
        assertEquals(1, ingresses.size(), overlay + " should have exactly one Ingress");
        Ingress ingress = ingresses.get(0);

        Map<String, String> expected = new TreeMap<>();
        for (MentoringService service : MentoringService.values()) {
            service.segments().forEach(segment -> expected.put("/v1/" + segment, service.serviceName()));
        }
        Map<String, String> routed = new TreeMap<>();
        for (IngressRule rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                assertEquals("Prefix", path.getPathType(), overlay + ": " + path.getPath() + " must match by prefix");
                String target = path.getBackend().getService().getName();
                routed.put(path.getPath(), target);
                assertReachesTheServedPort(manifests, target, path.getBackend().getService().getPort());
            }
        }
        assertEquals(expected, routed, overlay + ": routes of the Ingress");
    }

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void everyHostIsServedOverTlsFromCertManager(String overlay) {
        Ingress ingress = Manifests.of(overlay).all(Ingress.class).get(0);
        assertNotNull(ingress.getMetadata().getAnnotations().get("cert-manager.io/cluster-issuer"),
                overlay + ": the Ingress names no cert-manager issuer");
        Set<String> covered = new HashSet<>();
        ingress.getSpec().getTls().forEach(tls -> {
            assertNotNull(tls.getSecretName(), overlay + ": TLS entry without a secret");
            covered.addAll(tls.getHosts());
        });
        for (IngressRule rule : ingress.getSpec().getRules()) {
            assertNotNull(rule.getHost(), overlay + ": a rule without a host would answer for any name");
            assertTrue(covered.contains(rule.getHost()), overlay + ": host " + rule.getHost() + " is not covered by TLS");
        }
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
