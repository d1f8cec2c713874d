package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What distinguishes the overlays: dev runs one of everything; prod runs several replicas under autoscaling and
 * disruption budgets, three Kafka controllers and brokers with min.insync.replicas=2, and three PostgreSQL instances
 * with continuous backups.
 */
class OverlayShapeTest {

    @Test
    void devRunsOneOfEverything() {
        Manifests dev = Manifests.of("dev");
        for (HorizontalPodAutoscaler autoscaler : dev.all(HorizontalPodAutoscaler.class)) {
            assertEquals(1, autoscaler.getSpec().getMinReplicas(), autoscaler.getMetadata().getName());
            assertEquals(1, autoscaler.getSpec().getMaxReplicas(), autoscaler.getMetadata().getName());
        }
        for (GenericKubernetesResource pool : dev.custom("KafkaNodePool")) {
            assertEquals(1, ((Number) pool.get("spec", "replicas")).intValue(), "node pool " + pool.getMetadata().getName());
        }
        assertEquals(1, kafkaConfig(dev, "default.replication.factor"));
        assertEquals(1, kafkaConfig(dev, "offsets.topic.replication.factor"));
        assertEquals(1, ((Number) dev.getCustom("Cluster", "mentoring-db").get("spec", "instances")).intValue());
    }

    @Test
    void prodIsReplicatedAutoscaledAndBackedUp() {
        Manifests prod = Manifests.of("prod");
        for (HorizontalPodAutoscaler autoscaler : prod.all(HorizontalPodAutoscaler.class)) {
            assertTrue(autoscaler.getSpec().getMinReplicas() >= 3, autoscaler.getMetadata().getName() + " minReplicas");
            assertTrue(autoscaler.getSpec().getMaxReplicas() > autoscaler.getSpec().getMinReplicas(),
                    autoscaler.getMetadata().getName() + " cannot scale out");
        }
        assertEquals(3, poolReplicas(prod, "broker"), "brokers");
        assertEquals(3, poolReplicas(prod, "controller"), "controllers");
        assertEquals(2, kafkaConfig(prod, "min.insync.replicas"));
        assertEquals(3, kafkaConfig(prod, "default.replication.factor"));
        assertEquals(3, kafkaConfig(prod, "offsets.topic.replication.factor"));
        assertEquals(2, kafkaConfig(prod, "transaction.state.log.min.isr"));

        GenericKubernetesResource cluster = prod.getCustom("Cluster", "mentoring-db");
        assertEquals(3, ((Number) cluster.get("spec", "instances")).intValue(), "PostgreSQL instances");
        List<Map<String, Object>> plugins = cluster.get("spec", "plugins");
        assertTrue(plugins != null && plugins.stream().anyMatch(plugin -> Boolean.TRUE.equals(plugin.get("isWALArchiver"))),
                "prod must archive WAL continuously");
        assertTrue(prod.custom("ScheduledBackup").stream()
                        .anyMatch(backup -> "mentoring-db".equals(backup.get("spec", "cluster", "name"))),
                "prod must take scheduled base backups");
    }

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void everyBudgetLetsANodeDrainWithoutTakingTheServiceDown(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        for (MentoringService service : MentoringService.values()) {
            PodDisruptionBudget budget = manifests.get(PodDisruptionBudget.class, service.serviceName());
            int minReplicas = manifests.get(HorizontalPodAutoscaler.class, service.serviceName()).getSpec().getMinReplicas();
            IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
            IntOrString minAvailable = budget.getSpec().getMinAvailable();
            assertFalse(maxUnavailable == null && minAvailable == null, overlay + ": empty budget for " + service.serviceName());
            int mayEvict = maxUnavailable != null ? maxUnavailable.getIntVal() : minReplicas - minAvailable.getIntVal();
            assertTrue(mayEvict >= 1, overlay + ": " + service.serviceName() + " blocks every node drain");
            assertTrue(minReplicas == 1 || mayEvict < minReplicas,
                    overlay + ": " + service.serviceName() + " may lose every replica to a drain");
        }
    }

    /** Quarkus' connection pool holds up to 20 connections unless quarkus.datasource.jdbc.max-size says otherwise. */
    private static final int DEFAULT_POOL_SIZE = 20;
    /** Connections kept for the operator, replication and an administrator. */
    private static final int RESERVED_CONNECTIONS = 20;

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void theDatabaseAcceptsEveryPoolAtFullScaleOut(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        int needed = RESERVED_CONNECTIONS;
        for (MentoringService service : MentoringService.values()) {
            int replicas = manifests.get(HorizontalPodAutoscaler.class, service.serviceName()).getSpec().getMaxReplicas();
            needed += replicas * poolSize(service.module());
        }
        Object configured = manifests.getCustom("Cluster", "mentoring-db").get("spec", "postgresql", "parameters", "max_connections");
        int maxConnections = Integer.parseInt(String.valueOf(configured));
        assertTrue(needed <= maxConnections, overlay + ": at full scale-out the services may open " + needed
                + " connections, PostgreSQL accepts " + maxConnections);
    }

    private static int poolSize(ServiceModule module) {
        String key = "quarkus.datasource.jdbc.max-size";
        return module.has(key) ? Integer.parseInt(module.value(key)) : DEFAULT_POOL_SIZE;
    }

    private static int kafkaConfig(Manifests manifests, String key) {
        Object value = manifests.getCustom("Kafka", "mentoring-kafka").get("spec", "kafka", "config", key);
        return Integer.parseInt(String.valueOf(value));
    }

    private static int poolReplicas(Manifests manifests, String role) {
        int replicas = 0;
        for (GenericKubernetesResource pool : manifests.custom("KafkaNodePool")) {
            List<String> roles = pool.get("spec", "roles");
            if (roles.contains(role)) {
                replicas += ((Number) pool.get("spec", "replicas")).intValue();
            }
        }
        return replicas;
    }
}
