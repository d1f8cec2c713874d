package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kafka as the services use it: every topic a service writes or reads exists as a KafkaTopic, the service's
 * KafkaUser may do exactly that and no more, and the client settings the service gets match the listener it talks
 * to (address, TLS trust, SCRAM credentials of that same user).
 */
class KafkaTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void everyTopicTheServiceUsesExistsAndIsInItsAcls(String overlay, MentoringService service) {
        Manifests manifests = Manifests.of(overlay);
        Set<String> topics = topicNames(manifests);
        for (String topic : service.topicsUsed()) {
            assertTrue(topics.contains(topic), overlay + ": " + service.serviceName() + " uses " + topic + ", no KafkaTopic makes it");
        }

        Map<String, Set<String>> granted = grantedOperations(manifests, service);
        Map<String, Set<String>> needed = new HashMap<>();
        service.produces().forEach(topic -> needed.computeIfAbsent("topic:" + topic, key -> new HashSet<>()).addAll(Set.of("Write", "Describe")));
        service.consumes().forEach(topic -> needed.computeIfAbsent("topic:" + topic, key -> new HashSet<>()).addAll(Set.of("Read", "Describe")));
        needed.put("topic:" + service.deadLetterTopic(), Set.of("Write", "Read", "Describe"));
        needed.put("group:" + service.module().applicationName(), Set.of("Read"));

        needed.forEach((resource, operations) -> {
            Set<String> allowed = granted.getOrDefault(resource, Set.of());
            assertTrue(allowed.containsAll(operations),
                    overlay + ": " + service.serviceName() + " needs " + operations + " on " + resource + ", has " + allowed);
        });
        assertEquals(new TreeSet<>(needed.keySet()), new TreeSet<>(granted.keySet()),
                overlay + ": the ACLs of " + service.serviceName() + " reach beyond its own topics and group");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void theServiceTalksToTheListenerAsItsOwnUser(String overlay, MentoringService service) {
        Manifests manifests = Manifests.of(overlay);
        GenericKubernetesResource kafka = onlyKafka(manifests);
        String cluster = kafka.getMetadata().getName();
        Container container = Workloads.container(manifests, service);

        String bootstrap = Workloads.envValue(manifests, container, "KAFKA_BOOTSTRAP_SERVERS");
        Map<String, Object> listener = listenerOn(kafka, bootstrap);
        assertEquals(Boolean.TRUE, listener.get("tls"), overlay + ": the services' listener must use TLS");
        assertEquals("scram-sha-512", GenericKubernetesResource.get(listener, "authentication", "type"), overlay + ": listener authentication");
        assertEquals("SASL_SSL", Workloads.envValue(manifests, container, "KAFKA_SECURITY_PROTOCOL"), overlay + ": security protocol");
        assertEquals("SCRAM-SHA-512", Workloads.envValue(manifests, container, "KAFKA_SASL_MECHANISM"), overlay + ": SASL mechanism");
        assertEquals(service.serviceName(), Workloads.envSecretName(manifests, container, "KAFKA_SASL_JAAS_CONFIG"),
                overlay + ": " + service.serviceName() + " must log in as its own KafkaUser");
        assertEquals("simple", kafka.get("spec", "kafka", "authorization", "type"), overlay + ": ACLs are enforced by the brokers");

        String truststore = Workloads.envValue(manifests, container, "KAFKA_SSL_TRUSTSTORE_LOCATION");
        assertEquals("PEM", Workloads.envValue(manifests, container, "KAFKA_SSL_TRUSTSTORE_TYPE"), overlay + ": truststore type");
        PodSpec pod = Workloads.deployment(manifests, service).getSpec().getTemplate().getSpec();
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(candidate -> truststore.startsWith(candidate.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": nothing is mounted at " + truststore));
        Volume volume = pod.getVolumes().stream().filter(candidate -> candidate.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertNotNull(volume.getSecret(), overlay + ": the truststore should come from Strimzi's cluster CA Secret");
        assertEquals(cluster + "-cluster-ca-cert", volume.getSecret().getSecretName(), overlay + ": CA Secret");
        String file = truststore.substring(mount.getMountPath().length() + 1);
        assertTrue(volume.getSecret().getItems().stream().anyMatch(item -> item.getKey().equals("ca.crt") && item.getPath().equals(file)),
                overlay + ": " + truststore + " is not the cluster CA certificate");
    }

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void topicsSurviveTheLossOfOneBrokerAndAllAreUsed(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        int brokers = 0;
        for (GenericKubernetesResource pool : manifests.custom("KafkaNodePool")) {
            List<String> roles = pool.get("spec", "roles");
            if (roles.contains("broker")) {
                brokers += ((Number) pool.get("spec", "replicas")).intValue();
            }
        }
        Set<String> used = new HashSet<>();
        for (MentoringService service : MentoringService.values()) {
            used.addAll(service.topicsUsed());
        }
        for (GenericKubernetesResource topic : manifests.custom("KafkaTopic")) {
            String name = topicName(topic);
            int replicas = ((Number) topic.get("spec", "replicas")).intValue();
            Object minInSyncValue = topic.get("spec", "config", "min.insync.replicas");
            int minInSync = Integer.parseInt(String.valueOf(minInSyncValue));
            assertTrue(replicas <= brokers, overlay + ": " + name + " wants " + replicas + " replicas on " + brokers + " brokers");
            assertTrue(brokers == 1 || minInSync < replicas,
                    overlay + ": " + name + " stops accepting writes when one of its " + replicas + " replicas is down");
            assertTrue(used.contains(name), overlay + ": " + name + " is used by no service");
        }
    }

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void everyTopicOfTheEventContractIsMadeAndPublishedByOneService(String overlay) throws java.io.IOException {
        java.util.regex.Matcher address = java.util.regex.Pattern.compile("(?m)^\\s+address:\\s*(\\S+)\\s*$")
                .matcher(java.nio.file.Files.readString(Repository.root().resolve("docs/asyncapi.yaml")));
        Set<String> contract = new TreeSet<>();
        while (address.find()) {
            contract.add(address.group(1));
        }
        assertFalse(contract.isEmpty(), "docs/asyncapi.yaml names no topic");
        Set<String> made = topicNames(Manifests.of(overlay));
        for (String topic : contract) {
            assertTrue(made.contains(topic), overlay + ": " + topic + " (docs/asyncapi.yaml) has no KafkaTopic");
            assertEquals(1, java.util.Arrays.stream(MentoringService.values()).filter(s -> s.produces().contains(topic)).count(),
                    topic + " must be published by exactly one service");
        }
        Set<String> produced = new TreeSet<>();
        for (MentoringService service : MentoringService.values()) {
            produced.addAll(service.produces());
        }
        assertEquals(contract, produced, "the topics the services publish are those of docs/asyncapi.yaml");
    }

    static Set<String> topicNames(Manifests manifests) {
        Set<String> names = new HashSet<>();
        manifests.custom("KafkaTopic").forEach(topic -> names.add(topicName(topic)));
        return names;
    }

    private static String topicName(GenericKubernetesResource topic) {
        String name = topic.get("spec", "topicName");
        return name != null ? name : topic.getMetadata().getName();
    }

    /** resource ("topic:NAME" or "group:NAME") to the operations the user's ACLs allow on it. */
    private static Map<String, Set<String>> grantedOperations(Manifests manifests, MentoringService service) {
        GenericKubernetesResource user = manifests.getCustom("KafkaUser", service.serviceName());
        assertEquals("simple", user.get("spec", "authorization", "type"));
        List<Map<String, Object>> acls = user.get("spec", "authorization", "acls");
        Map<String, Set<String>> granted = new HashMap<>();
        for (Map<String, Object> acl : acls) {
            Map<String, Object> resource = GenericKubernetesResource.get(acl, "resource");
            assertEquals("literal", resource.getOrDefault("patternType", "literal"),
                    manifests + ": " + service.serviceName() + " has a wildcard ACL on " + resource.get("name"));
            assertTrue(!"*".equals(resource.get("name")), manifests + ": ACL on every " + resource.get("type"));
            assertTrue(!"deny".equals(acl.get("type")), manifests + ": deny ACLs are not expected");
            List<String> operations = new ArrayList<>();
            if (acl.get("operations") != null) {
                operations.addAll(GenericKubernetesResource.get(acl, "operations"));
            }
            if (acl.get("operation") != null) {
                operations.add((String) acl.get("operation"));
            }
            assertTrue(!operations.contains("All"), manifests + ": " + service.serviceName() + " has an 'All' ACL");
            granted.computeIfAbsent(resource.get("type") + ":" + resource.get("name"), key -> new HashSet<>()).addAll(operations);
        }
        return granted;
    }

    private static GenericKubernetesResource onlyKafka(Manifests manifests) {
        List<GenericKubernetesResource> clusters = manifests.custom("Kafka");
        assertEquals(1, clusters.size(), manifests + ": one Kafka cluster expected");
        return clusters.get(0);
    }

    private static Map<String, Object> listenerOn(GenericKubernetesResource kafka, String bootstrap) {
        String[] hostAndPort = bootstrap.split(":");
        assertEquals(2, hostAndPort.length, "bootstrap servers " + bootstrap + " should be one host:port");
        assertEquals(kafka.getMetadata().getName() + "-kafka-bootstrap", hostAndPort[0], "bootstrap service of the Kafka cluster");
        List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
        return listeners.stream()
                .filter(listener -> hostAndPort[1].equals(String.valueOf((Object) listener.get("port"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no listener of " + kafka.getMetadata().getName() + " on port " + hostAndPort[1]));
    }
}
