package org.mentoring.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;

/** Reading a service's Deployment the way the kubelet would: its one container and the values its env resolves to. */
final class Workloads {

    private Workloads() {
    }

    static Deployment deployment(Manifests manifests, MentoringService service) {
        return manifests.get(Deployment.class, service.serviceName());
    }

    static Container container(Manifests manifests, MentoringService service) {
        List<Container> containers = deployment(manifests, service).getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError(manifests + ": " + service.serviceName() + " should run one container, runs "
                    + containers.size());
        }
        return containers.get(0);
    }

    static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv() == null ? Optional.empty()
                : container.getEnv().stream().filter(variable -> name.equals(variable.getName())).findFirst();
    }

    /** The literal or ConfigMap value of an env var; fails for an env var that is absent or set from a Secret. */
    static String envValue(Manifests manifests, Container container, String name) {
        EnvVar variable = env(container, name).orElseThrow(() -> new AssertionError(
                manifests + ": container sets no " + name));
        if (variable.getValue() != null) {
            return variable.getValue();
        }
        if (variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null) {
            var reference = variable.getValueFrom().getConfigMapKeyRef();
            ConfigMap configMap = manifests.get(ConfigMap.class, reference.getName());
            String value = configMap.getData() == null ? null : configMap.getData().get(reference.getKey());
            if (value == null) {
                throw new AssertionError(manifests + ": ConfigMap " + reference.getName() + " has no " + reference.getKey());
            }
            return value;
        }
        throw new AssertionError(manifests + ": " + name + " is neither a literal nor from a ConfigMap");
    }

    /** The Secret name an env var is read from. */
    static String envSecretName(Manifests manifests, Container container, String name) {
        EnvVar variable = env(container, name).orElseThrow(() -> new AssertionError(
                manifests + ": container sets no " + name));
        if (variable.getValueFrom() == null || variable.getValueFrom().getSecretKeyRef() == null) {
            throw new AssertionError(manifests + ": " + name + " should come from a Secret");
        }
        return variable.getValueFrom().getSecretKeyRef().getName();
    }
}
