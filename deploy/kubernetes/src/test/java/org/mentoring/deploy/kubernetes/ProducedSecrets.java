package org.mentoring.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Secrets a render brings into existence, with their keys, and who makes each one. Nothing in this repository
 * carries a secret value: Secrets are made in the cluster by the External Secrets operator (from the organisation's
 * secret store), by Strimzi (Kafka users and the cluster CA) and by cert-manager (the Ingress certificate). This is
 * the single list of those external producers that a reference may resolve to.
 */
final class ProducedSecrets {

    private final Map<String, Produced> byName = new TreeMap<>();

    record Produced(String name, Set<String> keys, String producer) {
    }

    private ProducedSecrets() {
    }

    static ProducedSecrets of(Manifests manifests) {
        ProducedSecrets secrets = new ProducedSecrets();
        for (Secret secret : manifests.all(Secret.class)) {
            Set<String> keys = new LinkedHashSet<>();
            if (secret.getData() != null) {
                keys.addAll(secret.getData().keySet());
            }
            if (secret.getStringData() != null) {
                keys.addAll(secret.getStringData().keySet());
            }
            secrets.add(secret.getMetadata().getName(), keys, "Secret in the render");
        }
        for (GenericKubernetesResource external : manifests.custom("ExternalSecret")) {
            String target = external.get("spec", "target", "name");
            String name = target != null ? target : external.getMetadata().getName();
            Map<String, Object> template = external.get("spec", "target", "template", "data");
            Set<String> keys = new LinkedHashSet<>();
            if (template != null) {
                keys.addAll(template.keySet());
            } else {
                List<Map<String, Object>> data = external.get("spec", "data");
                for (Map<String, Object> entry : data == null ? List.<Map<String, Object>>of() : data) {
                    keys.add((String) entry.get("secretKey"));
                }
            }
            secrets.add(name, keys, "ExternalSecret " + external.getMetadata().getName());
        }
        for (GenericKubernetesResource user : manifests.custom("KafkaUser")) {
            if ("scram-sha-512".equals(user.get("spec", "authentication", "type"))) {
                secrets.add(user.getMetadata().getName(), Set.of("password", "sasl.jaas.config"),
                        "Strimzi for KafkaUser " + user.getMetadata().getName());
            }
        }
        for (GenericKubernetesResource kafka : manifests.custom("Kafka")) {
            secrets.add(kafka.getMetadata().getName() + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"),
                    "Strimzi for Kafka " + kafka.getMetadata().getName());
        }
        for (Ingress ingress : manifests.all(Ingress.class)) {
            Map<String, String> annotations = ingress.getMetadata().getAnnotations();
            boolean certManaged = annotations != null && annotations.keySet().stream()
                    .anyMatch(key -> key.equals("cert-manager.io/cluster-issuer") || key.equals("cert-manager.io/issuer"));
            if (certManaged && ingress.getSpec().getTls() != null) {
                for (IngressTLS tls : ingress.getSpec().getTls()) {
                    secrets.add(tls.getSecretName(), Set.of("tls.crt", "tls.key", "ca.crt"),
                            "cert-manager for Ingress " + ingress.getMetadata().getName());
                }
            }
        }
        return secrets;
    }

    private void add(String name, Set<String> keys, String producer) {
        Produced previous = byName.put(name, new Produced(name, Set.copyOf(keys), producer));
        if (previous != null) {
            throw new AssertionError("Secret " + name + " is made twice: by " + previous.producer() + " and by " + producer);
        }
    }

    /** Why a reference to secret/key does not resolve, or null when it does. */
    String problemWith(String name, String key) {
        Produced produced = byName.get(name);
        if (produced == null) {
            return "Secret " + name + " is made by nothing in the render (known: " + byName.keySet() + ")";
        }
        if (key != null && !produced.keys().contains(key)) {
            return "Secret " + name + " (made by " + produced.producer() + ") has no key " + key + ", only " + produced.keys();
        }
        return null;
    }
}
