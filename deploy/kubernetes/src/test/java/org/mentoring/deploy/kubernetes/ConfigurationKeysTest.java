package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The local stack and the cluster configure the services through the same keys. The service settings a Deployment
 * sets (environment variables the services' application.properties read) are exactly those the launcher
 * deploy/local/mentoring sets; the only other variables are Kafka client properties in environment form, which the
 * cluster's authenticated listener needs and the local broker does not.
 */
class ConfigurationKeysTest {

    /**
     * What the local stack relaxes for a developer's machine and a deployment never sets: webhooks to plain http and
     * to private addresses (a receiver on localhost).
     */
    private static final Set<String> LOCAL_ONLY = Set.of("MENTORING_WEBHOOKS_ALLOW_HTTP",
            "MENTORING_WEBHOOKS_ALLOW_PRIVATE_TARGETS");

    /**
     * What a deployment must set and the local stack need not, as the service's default is the local stack's own
     * address: the API's public address, which calendar feed links are made of.
     */
    private static final Set<String> DEPLOYMENT_ONLY = Set.of("MENTORING_PUBLIC_BASE_URL");

    /** Read by the container image's start script, not by the service: the heap's share of the memory limit. */
    private static final Set<String> IMAGE_SETTINGS = Set.of("JAVA_MAX_MEM_RATIO");

    @Test
    void theLauncherSetsOnlySettingsTheServicesRead() {
        Set<String> read = new TreeSet<>();
        for (MentoringService service : MentoringService.values()) {
            read.addAll(service.module().environmentSettings());
        }
        Set<String> launcher = LocalLauncher.serviceSettings();
        assertTrue(launcher.contains("MENTORING_DB_URL"), "launcher settings found: " + launcher);
        assertTrue(read.containsAll(launcher), "the launcher sets " + launcher + ", the services read " + read);
    }

    @Test
    void theLauncherAndTheServicesAgreeOnPorts() {
        for (MentoringService service : MentoringService.values()) {
            assertEquals(service.module().httpPort(), LocalLauncher.ports().get(service.shortName()),
                    "port of " + service.serviceName() + " in deploy/local/mentoring");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void theDeploymentSetsTheSameServiceSettingsAsTheLocalStack(String overlay, MentoringService service) {
        Container container = Workloads.container(Manifests.of(overlay), service);
        Set<String> read = service.module().environmentSettings();
        Set<String> set = new TreeSet<>();
        for (EnvVar variable : container.getEnv()) {
            set.add(variable.getName());
        }
        Set<String> settings = new TreeSet<>(set);
        settings.retainAll(read);
        Set<String> expected = new TreeSet<>(LocalLauncher.serviceSettings());
        expected.removeAll(LOCAL_ONLY);
        expected.addAll(DEPLOYMENT_ONLY);
        // The launcher gives every service the same variables; each reads its own (the sealing keys: profile only).
        expected.retainAll(read);
        assertEquals(expected, settings,
                overlay + ": " + service.serviceName() + " is configured through other keys than in the local stack");
        for (String relaxation : LOCAL_ONLY) {
            assertTrue(!set.contains(relaxation), overlay + ": " + service.serviceName() + " sets " + relaxation
                    + ", which only a developer's machine may set");
        }

        Set<String> kafkaClientProperties = new HashSet<>(ProducerConfig.configNames());
        kafkaClientProperties.retainAll(ConsumerConfig.configNames());
        set.removeAll(read);
        set.removeAll(IMAGE_SETTINGS);
        for (String other : set) {
            assertTrue(other.startsWith("KAFKA_"), overlay + ": " + other + " is read by nothing in " + service.serviceName());
            String property = other.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
            assertTrue(kafkaClientProperties.contains(property),
                    overlay + ": " + other + " maps to " + property + ", which is no Kafka producer and consumer property");
        }
    }
}
