package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The network allows only the flows of DESIGN.md: the ingress controller and Prometheus in, each service out to
 * its database and the Kafka brokers (and DNS and the identity provider), and only profile-service out to the
 * internet for webhooks, never to private ranges or the cloud metadata endpoint.
 */
class NetworkPolicyTest {

    private static final Set<String> ALLOWED_SOURCE_NAMESPACES = Set.of("ingress-nginx", "monitoring");
    private static final List<String> NEVER_FROM_WEBHOOKS = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void theServiceIsIsolatedToTheFlowsOfTheDesign(String overlay, MentoringService service) {
        Manifests manifests = Manifests.of(overlay);
        Map<String, String> podLabels = Workloads.deployment(manifests, service).getSpec().getTemplate().getMetadata().getLabels();
        List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class).stream()
                .filter(policy -> selects(policy.getSpec().getPodSelector(), podLabels)).toList();
        assertTrue(policies.stream().anyMatch(policy -> policy.getSpec().getPolicyTypes().contains("Ingress")),
                overlay + ": nothing restricts traffic into " + service.serviceName());
        assertTrue(policies.stream().anyMatch(policy -> policy.getSpec().getPolicyTypes().contains("Egress")),
                overlay + ": nothing restricts traffic out of " + service.serviceName());

        boolean database = false;
        boolean kafka = false;
        boolean internet = false;
        String kafkaPort = kafkaListenerPort(manifests);
        for (NetworkPolicy policy : policies) {
            for (NetworkPolicyIngressRule rule : nullSafe(policy.getSpec().getIngress())) {
                assertTrue(!nullSafe(rule.getFrom()).isEmpty(), overlay + ": " + policy.getMetadata().getName() + " admits anyone");
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    String namespace = peer.getNamespaceSelector() == null ? null
                            : peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
                    assertTrue(peer.getIpBlock() == null && ALLOWED_SOURCE_NAMESPACES.contains(namespace),
                            overlay + ": " + service.serviceName() + " admits traffic from " + peer);
                }
            }
            for (NetworkPolicyEgressRule rule : nullSafe(policy.getSpec().getEgress())) {
                assertTrue(!nullSafe(rule.getTo()).isEmpty(), overlay + ": " + policy.getMetadata().getName() + " lets traffic out anywhere");
                for (NetworkPolicyPeer peer : rule.getTo()) {
                    Map<String, String> target = peer.getPodSelector() == null ? Map.of() : peer.getPodSelector().getMatchLabels();
                    if ("mentoring-db".equals(target.get("cnpg.io/cluster"))) {
                        database |= ports(rule).equals(Set.of("5432"));
                    }
                    if ("mentoring-kafka".equals(target.get("strimzi.io/cluster"))) {
                        kafka |= ports(rule).equals(Set.of(kafkaPort));
                    }
                    if (peer.getIpBlock() != null && peer.getIpBlock().getCidr().equals("0.0.0.0/0")) {
                        assertEquals(service, MentoringService.PROFILE,
                                overlay + ": only profile-service delivers webhooks to the internet");
                        assertTrue(peer.getIpBlock().getExcept().containsAll(NEVER_FROM_WEBHOOKS),
                                overlay + ": webhooks must not reach private ranges or the metadata endpoint");
                        assertEquals(Set.of("443"), ports(rule), overlay + ": webhooks go out over HTTPS only");
                        internet = true;
                    }
                }
            }
        }
        assertTrue(database, overlay + ": " + service.serviceName() + " cannot reach its database on 5432");
        assertTrue(kafka, overlay + ": " + service.serviceName() + " cannot reach the brokers on " + kafkaPort);
        assertEquals(service == MentoringService.PROFILE, internet, overlay + ": internet access of " + service.serviceName());
    }

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void onlyTheServicesMayOpenTheKafkaListener(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        List<Map<String, Object>> listeners = manifests.getCustom("Kafka", "mentoring-kafka").get("spec", "kafka", "listeners");
        for (Map<String, Object> listener : listeners) {
            List<Map<String, Object>> peers = GenericKubernetesResource.get(listener, "networkPolicyPeers");
            assertTrue(peers != null && !peers.isEmpty(), overlay + ": listener " + listener.get("name") + " is open to every pod");
            for (MentoringService service : MentoringService.values()) {
                Map<String, String> podLabels = Workloads.deployment(manifests, service).getSpec().getTemplate().getMetadata().getLabels();
                assertTrue(peers.stream().anyMatch(peer -> {
                    Map<String, String> selector = GenericKubernetesResource.get(peer, "podSelector", "matchLabels");
                    return selector != null && selector.entrySet().stream()
                            .allMatch(entry -> entry.getValue().equals(podLabels.get(entry.getKey())));
                }), overlay + ": " + service.serviceName() + " may not open listener " + listener.get("name"));
            }
        }
    }

    private static String kafkaListenerPort(Manifests manifests) {
        String bootstrap = Workloads.envValue(manifests, Workloads.container(manifests, MentoringService.PROFILE), "KAFKA_BOOTSTRAP_SERVERS");
        return bootstrap.substring(bootstrap.lastIndexOf(':') + 1);
    }

    private static Set<String> ports(NetworkPolicyEgressRule rule) {
        return nullSafe(rule.getPorts()).stream().map(NetworkPolicyPort::getPort)
                .map(port -> port.getIntVal() != null ? String.valueOf(port.getIntVal()) : port.getStrVal())
                .collect(Collectors.toSet());
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> required = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return required.entrySet().stream().allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
