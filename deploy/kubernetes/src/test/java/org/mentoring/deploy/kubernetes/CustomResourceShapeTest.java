package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operators' resources cannot be parsed into typed classes without their CRDs, so this holds them to the part of
 * each schema the platform relies on: the API version each operator serves, and the fields allowed at the top of
 * their spec (and of a Kafka cluster's broker settings and listeners). A misspelt field, which the operator would
 * silently ignore, fails here.
 */
class CustomResourceShapeTest {

    private record Shape(String apiVersion, Set<String> specFields) {
    }

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("Kafka", new Shape("kafka.strimzi.io/v1beta2", Set.of("kafka", "entityOperator", "clusterCa",
                    "clientsCa", "cruiseControl", "kafkaExporter", "maintenanceTimeWindows"))),
            Map.entry("KafkaNodePool", new Shape("kafka.strimzi.io/v1beta2", Set.of("replicas", "roles", "storage",
                    "resources", "jvmOptions", "template"))),
            Map.entry("KafkaTopic", new Shape("kafka.strimzi.io/v1beta2", Set.of("topicName", "partitions", "replicas",
                    "config"))),
            Map.entry("KafkaUser", new Shape("kafka.strimzi.io/v1beta2", Set.of("authentication", "authorization",
                    "quotas", "template"))),
            Map.entry("Cluster", new Shape("postgresql.cnpg.io/v1", Set.of("instances", "imageName", "imageCatalogRef",
                    "primaryUpdateStrategy", "primaryUpdateMethod", "storage", "walStorage", "bootstrap", "postgresql",
                    "affinity", "resources", "managed", "backup", "plugins", "monitoring", "superuserSecret",
                    "enableSuperuserAccess", "certificates", "description", "inheritedMetadata", "minSyncReplicas",
                    "maxSyncReplicas", "replica", "externalClusters", "startDelay", "stopDelay", "smartShutdownTimeout",
                    "switchoverDelay", "failoverDelay", "topologySpreadConstraints", "priorityClassName", "env",
                    "envFrom", "logLevel", "enablePDB", "probes", "serviceAccountTemplate", "projectedVolumeTemplate",
                    "tablespaces", "nodeMaintenanceWindow", "seccompProfile", "podSecurityContext", "securityContext"))),
            Map.entry("Database", new Shape("postgresql.cnpg.io/v1", Set.of("name", "owner", "cluster", "ensure",
                    "schemas", "extensions", "fdws", "databaseReclaimPolicy", "template", "encoding", "locale",
                    "localeProvider", "localeCollate", "localeCType", "icuLocale", "icuRules", "builtinLocale",
                    "collationVersion", "isTemplate", "allowConnections", "connectionLimit", "tablespace"))),
            Map.entry("ScheduledBackup", new Shape("postgresql.cnpg.io/v1", Set.of("schedule", "cluster", "method",
                    "pluginConfiguration", "backupOwnerReference", "immediate", "suspend", "target", "online",
                    "onlineConfiguration"))),
            Map.entry("ObjectStore", new Shape("barmancloud.cnpg.io/v1", Set.of("configuration", "retentionPolicy",
                    "instanceSidecarConfiguration"))),
            Map.entry("ExternalSecret", new Shape("external-secrets.io/v1", Set.of("secretStoreRef", "target",
                    "refreshInterval", "refreshPolicy", "data", "dataFrom"))),
            Map.entry("ServiceMonitor", new Shape("monitoring.coreos.com/v1", Set.of("selector", "endpoints",
                    "namespaceSelector", "jobLabel", "targetLabels", "podTargetLabels", "sampleLimit"))),
            Map.entry("PodMonitor", new Shape("monitoring.coreos.com/v1", Set.of("selector", "podMetricsEndpoints",
                    "namespaceSelector", "jobLabel", "podTargetLabels", "sampleLimit"))),
            Map.entry("PrometheusRule", new Shape("monitoring.coreos.com/v1", Set.of("groups"))));

    private static final Set<String> BROKER_FIELDS = Set.of("version", "metadataVersion", "listeners", "config",
            "authorization", "rack", "resources", "jvmOptions", "jmxOptions", "metricsConfig", "logging", "template",
            "tieredStorage", "quotas", "image", "livenessProbe", "readinessProbe", "brokerRackInitImage");
    private static final Set<String> LISTENER_FIELDS = Set.of("name", "port", "type", "tls", "authentication",
            "configuration", "networkPolicyPeers");

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void everyCustomResourceHasTheShapeItsOperatorReads(String overlay) {
        List<String> problems = new ArrayList<>();
        for (HasMetadata object : Manifests.of(overlay).objects()) {
            if (!(object instanceof GenericKubernetesResource resource)) {
                continue;
            }
            String id = resource.getKind() + "/" + resource.getMetadata().getName();
            Shape shape = SHAPES.get(resource.getKind());
            if (shape == null) {
                problems.add(id + ": a kind of unknown shape (" + resource.getApiVersion() + ")");
                continue;
            }
            if (!shape.apiVersion().equals(resource.getApiVersion())) {
                problems.add(id + ": apiVersion " + resource.getApiVersion() + ", expected " + shape.apiVersion());
            }
            Map<String, Object> spec = resource.get("spec");
            unknownKeys(id + " spec", spec, shape.specFields(), problems);
            if (resource.getKind().equals("Kafka")) {
                Map<String, Object> broker = resource.get("spec", "kafka");
                unknownKeys(id + " spec.kafka", broker, BROKER_FIELDS, problems);
                List<Map<String, Object>> listeners = resource.get("spec", "kafka", "listeners");
                listeners.forEach(listener -> unknownKeys(id + " listener " + listener.get("name"), listener,
                        LISTENER_FIELDS, problems));
            }
        }
        assertEquals(List.of(), problems, overlay + ": custom resources the operators would misread");
    }

    private static void unknownKeys(String where, Map<String, Object> map, Set<String> allowed, List<String> problems) {
        if (map == null) {
            problems.add(where + " is missing");
            return;
        }
        map.keySet().stream().filter(key -> !allowed.contains(key))
                .forEach(key -> problems.add(where + ": unknown field " + key));
    }
}
