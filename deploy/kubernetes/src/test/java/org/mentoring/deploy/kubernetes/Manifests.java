package org.mentoring.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One rendered overlay, parsed into the Kubernetes model: built-in kinds become their typed fabric8 classes
 * (Deployment, Service, ...), custom resources of the operators (Strimzi, CloudNativePG, ...) stay generic. Each
 * overlay is rendered once per test run.
 */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private final String overlay;
    private final List<HasMetadata> objects;

    private Manifests(String overlay, List<HasMetadata> objects) {
        this.overlay = overlay;
        this.objects = List.copyOf(objects);
    }

    static Manifests of(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> parse(name, Kubectl.kustomize(Repository.overlay(name))));
    }

    static Manifests parse(String overlay, String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---[ \\t]*$")) {
            if (document.isBlank()) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document, KubernetesResource.class);
            if (!(parsed instanceof HasMetadata object)) {
                throw new IllegalStateException(overlay + ": not a Kubernetes object:\n" + document);
            }
            objects.add(object);
        }
        return new Manifests(overlay, objects);
    }

    String overlay() {
        return overlay;
    }

    List<HasMetadata> objects() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(object -> name.equals(object.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                overlay + ": no " + type.getSimpleName() + " named " + name + " in the render"));
    }

    /** Custom resources of one kind, e.g. "KafkaTopic". */
    List<GenericKubernetesResource> custom(String kind) {
        return objects.stream()
                .filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast)
                .filter(resource -> kind.equals(resource.getKind()))
                .toList();
    }

    Optional<GenericKubernetesResource> findCustom(String kind, String name) {
        return custom(kind).stream().filter(resource -> name.equals(resource.getMetadata().getName())).findFirst();
    }

    GenericKubernetesResource getCustom(String kind, String name) {
        return findCustom(kind, name).orElseThrow(() -> new AssertionError(
                overlay + ": no " + kind + " named " + name + " in the render"));
    }

    @Override
    public String toString() {
        return overlay;
    }
}
