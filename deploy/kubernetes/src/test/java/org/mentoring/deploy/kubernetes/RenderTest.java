package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay renders with kubectl and every object in it is a well-formed Kubernetes object. */
class RenderTest {

    @Test
    void theDevAndProdOverlaysExist() {
        assertTrue(Overlays.all().containsAll(List.of("dev", "prod")), "overlays found: " + Overlays.all());
    }

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void everyObjectParsesStrictly(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        assertTrue(manifests.objects().size() > 40, overlay + " renders only " + manifests.objects().size() + " objects");
        List<String> unknown = new ArrayList<>();
        for (HasMetadata object : manifests.objects()) {
            UnknownFields.in(object).forEach(field ->
                    unknown.add(object.getKind() + "/" + object.getMetadata().getName() + " " + field));
        }
        assertEquals(List.of(), unknown, overlay + ": fields the Kubernetes API does not know");
    }

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void everyObjectIsUniqueAndLivesInTheOverlaysNamespace(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        List<Namespace> namespaces = manifests.all(Namespace.class);
        assertEquals(1, namespaces.size(), overlay + " should create exactly one namespace");
        String namespace = namespaces.get(0).getMetadata().getName();
        Set<String> seen = new HashSet<>();
        for (HasMetadata object : manifests.objects()) {
            String id = object.getApiVersion() + " " + object.getKind() + "/" + object.getMetadata().getName();
            assertTrue(seen.add(id), overlay + ": " + id + " appears twice");
            if (!(object instanceof Namespace)) {
                assertEquals(namespace, object.getMetadata().getNamespace(), overlay + ": namespace of " + id);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void everyServiceHasItsFullSetOfObjects(String overlay, MentoringService service) {
        Manifests manifests = Manifests.of(overlay);
        String name = service.serviceName();
        manifests.get(ServiceAccount.class, name);
        manifests.get(ConfigMap.class, name + "-config");
        manifests.get(Deployment.class, name);
        manifests.get(Service.class, name);
        manifests.get(HorizontalPodAutoscaler.class, name);
        manifests.get(PodDisruptionBudget.class, name);
        manifests.get(NetworkPolicy.class, name);
        manifests.getCustom("ServiceMonitor", name);
        manifests.getCustom("KafkaUser", name);
        assertEquals(name, Workloads.deployment(manifests, service).getSpec().getTemplate().getSpec().getServiceAccountName(),
                overlay + ": " + name + " runs under its own service account");
    }
}
