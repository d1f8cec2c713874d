package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every name one object uses to point at another resolves inside the render: env vars to ConfigMap keys and to
 * Secrets that something in the render makes (see {@link ProducedSecrets}), Services, autoscalers, budgets and
 * monitors to the pods they mean, operator resources to their cluster.
 */
class ReferencesTest {

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void everyEnvVarVolumeAndServiceAccountResolves(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        ProducedSecrets secrets = ProducedSecrets.of(manifests);
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            String owner = "Deployment/" + deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            if (manifests.find(ServiceAccount.class, pod.getServiceAccountName()).isEmpty()) {
                problems.add(owner + ": no ServiceAccount " + pod.getServiceAccountName());
            }
            for (Container container : pod.getContainers()) {
                for (EnvVar variable : container.getEnv()) {
                    problems.add(problemWith(manifests, secrets, owner + " env " + variable.getName(), variable));
                }
                for (EnvFromSource source : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
                    if (source.getConfigMapRef() != null) {
                        problems.add(configMapProblem(manifests, owner + " envFrom", source.getConfigMapRef().getName(), null));
                    }
                    if (source.getSecretRef() != null) {
                        problems.add(withOwner(owner + " envFrom", secrets.problemWith(source.getSecretRef().getName(), null)));
                    }
                }
                for (var mount : container.getVolumeMounts()) {
                    if (pod.getVolumes().stream().noneMatch(volume -> volume.getName().equals(mount.getName()))) {
                        problems.add(owner + ": mounts an undeclared volume " + mount.getName());
                    }
                }
            }
            for (Volume volume : pod.getVolumes()) {
                if (volume.getSecret() != null) {
                    String name = volume.getSecret().getSecretName();
                    if (volume.getSecret().getItems() == null) {
                        problems.add(withOwner(owner + " volume " + volume.getName(), secrets.problemWith(name, null)));
                    } else {
                        volume.getSecret().getItems().forEach(item -> problems.add(
                                withOwner(owner + " volume " + volume.getName(), secrets.problemWith(name, item.getKey()))));
                    }
                }
                if (volume.getConfigMap() != null) {
                    problems.add(configMapProblem(manifests, owner + " volume " + volume.getName(),
                            volume.getConfigMap().getName(), null));
                }
            }
        }
        assertEquals(List.of(), problems.stream().filter(Objects::nonNull).toList(), overlay + ": unresolved references");
    }

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void operatorResourcesPointAtSecretsAndClustersThatExist(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        ProducedSecrets secrets = ProducedSecrets.of(manifests);
        List<String> problems = new ArrayList<>();
        for (GenericKubernetesResource cluster : manifests.custom("Cluster")) {
            List<Map<String, Object>> roles = cluster.get("spec", "managed", "roles");
            for (Map<String, Object> role : roles) {
                String secret = GenericKubernetesResource.get(role, "passwordSecret", "name");
                problems.add(withOwner("role " + role.get("name"), secrets.problemWith(secret, "password")));
                problems.add(withOwner("role " + role.get("name"), secrets.problemWith(secret, "username")));
            }
            List<Map<String, Object>> plugins = cluster.get("spec", "plugins");
            for (Map<String, Object> plugin : plugins == null ? List.<Map<String, Object>>of() : plugins) {
                String store = GenericKubernetesResource.get(plugin, "parameters", "barmanObjectName");
                if (store != null && manifests.findCustom("ObjectStore", store).isEmpty()) {
                    problems.add("Cluster " + cluster.getMetadata().getName() + ": no ObjectStore " + store);
                }
            }
        }
        for (GenericKubernetesResource store : manifests.custom("ObjectStore")) {
            Map<String, Map<String, Object>> credentials = store.get("spec", "configuration", "s3Credentials");
            credentials.forEach((field, reference) -> problems.add(withOwner("ObjectStore " + field,
                    secrets.problemWith((String) reference.get("name"), (String) reference.get("key")))));
        }
        for (String kind : List.of("Database", "ScheduledBackup")) {
            for (GenericKubernetesResource resource : manifests.custom(kind)) {
                String cluster = resource.get("spec", "cluster", "name");
                if (manifests.findCustom("Cluster", cluster).isEmpty()) {
                    problems.add(kind + " " + resource.getMetadata().getName() + ": no Cluster " + cluster);
                }
            }
        }
        for (String kind : List.of("KafkaNodePool", "KafkaTopic", "KafkaUser")) {
            for (GenericKubernetesResource resource : manifests.custom(kind)) {
                String kafka = resource.getMetadata().getLabels().get("strimzi.io/cluster");
                if (kafka == null || manifests.findCustom("Kafka", kafka).isEmpty()) {
                    problems.add(kind + " " + resource.getMetadata().getName() + ": no Kafka cluster " + kafka);
                }
            }
        }
        assertEquals(List.of(), problems.stream().filter(Objects::nonNull).toList(), overlay + ": unresolved references");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void serviceAutoscalerBudgetAndMonitorReachTheServicesPods(String overlay, MentoringService service) {
        Manifests manifests = Manifests.of(overlay);
        Deployment deployment = Workloads.deployment(manifests, service);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertSelects(deployment.getSpec().getSelector().getMatchLabels(), podLabels, overlay + ": Deployment selector");

        Service kubernetesService = manifests.get(Service.class, service.serviceName());
        assertSelects(kubernetesService.getSpec().getSelector(), podLabels, overlay + ": Service selector");
        assertSelectsOnly(manifests, kubernetesService.getSpec().getSelector(), deployment, overlay + ": Service selector");
        Container container = Workloads.container(manifests, service);
        for (ServicePort port : kubernetesService.getSpec().getPorts()) {
            assertTrue(exposes(container, port.getTargetPort()),
                    overlay + ": Service port " + port.getName() + " targets no container port");
        }

        HorizontalPodAutoscaler autoscaler = manifests.get(HorizontalPodAutoscaler.class, service.serviceName());
        assertEquals("Deployment", autoscaler.getSpec().getScaleTargetRef().getKind());
        assertEquals(service.serviceName(), autoscaler.getSpec().getScaleTargetRef().getName(), overlay + ": HPA target");

        PodDisruptionBudget budget = manifests.get(PodDisruptionBudget.class, service.serviceName());
        assertSelects(budget.getSpec().getSelector().getMatchLabels(), podLabels, overlay + ": PDB selector");
        assertSelectsOnly(manifests, budget.getSpec().getSelector().getMatchLabels(), deployment, overlay + ": PDB selector");

        GenericKubernetesResource monitor = manifests.getCustom("ServiceMonitor", service.serviceName());
        Map<String, String> monitorSelector = monitor.get("spec", "selector", "matchLabels");
        assertSelects(monitorSelector, kubernetesService.getMetadata().getLabels(), overlay + ": ServiceMonitor selector");
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        for (Map<String, Object> endpoint : endpoints) {
            assertEquals(service.module().nonApplicationRoot() + "/metrics", endpoint.get("path"), overlay + ": metrics path");
            assertFalse(kubernetesService.getSpec().getPorts().stream().noneMatch(port -> port.getName().equals(endpoint.get("port"))),
                    overlay + ": ServiceMonitor port " + endpoint.get("port") + " is not a port of the Service");
        }
    }

    private static boolean exposes(Container container, IntOrString target) {
        return container.getPorts().stream().anyMatch(port -> target.getStrVal() != null
                ? target.getStrVal().equals(port.getName())
                : port.getContainerPort().equals(target.getIntVal()));
    }

    private static String problemWith(Manifests manifests, ProducedSecrets secrets, String owner, EnvVar variable) {
        if (variable.getValueFrom() == null) {
            return variable.getValue() == null ? owner + ": neither a value nor a reference" : null;
        }
        var configMapKey = variable.getValueFrom().getConfigMapKeyRef();
        if (configMapKey != null) {
            return configMapProblem(manifests, owner, configMapKey.getName(), configMapKey.getKey());
        }
        var secretKey = variable.getValueFrom().getSecretKeyRef();
        if (secretKey != null) {
            return withOwner(owner, secrets.problemWith(secretKey.getName(), secretKey.getKey()));
        }
        return null;
    }

    private static String configMapProblem(Manifests manifests, String owner, String name, String key) {
        var configMap = manifests.find(ConfigMap.class, name);
        if (configMap.isEmpty()) {
            return owner + ": no ConfigMap " + name;
        }
        Map<String, String> data = configMap.get().getData();
        if (key != null && (data == null || !data.containsKey(key))) {
            return owner + ": ConfigMap " + name + " has no key " + key;
        }
        return null;
    }

    private static String withOwner(String owner, String problem) {
        return problem == null ? null : owner + ": " + problem;
    }

    private static void assertSelects(Map<String, String> selector, Map<String, String> labels, String what) {
        assertNotNull(selector, what + " is empty");
        assertFalse(selector.isEmpty(), what + " is empty");
        selector.forEach((key, value) -> assertEquals(value, labels.get(key), what + " does not match label " + key));
    }

    private static void assertSelectsOnly(Manifests manifests, Map<String, String> selector, Deployment expected, String what) {
        for (Deployment other : manifests.all(Deployment.class)) {
            if (other != expected) {
                Map<String, String> labels = other.getSpec().getTemplate().getMetadata().getLabels();
                boolean matches = selector.entrySet().stream().allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
                assertFalse(matches, what + " also selects the pods of " + other.getMetadata().getName());
            }
        }
    }
}
