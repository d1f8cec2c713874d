package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service logs in to the CloudNativePG cluster as its own managed role, with the password CloudNativePG sets
 * for that role, and finds its Flyway schema owned by that role, so no service can read another's data.
 */
class DatabaseTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void theServiceUsesItsOwnRoleAndSchema(String overlay, MentoringService service) {
        Manifests manifests = Manifests.of(overlay);
        ServiceModule module = service.module();
        Container container = Workloads.container(manifests, service);
        GenericKubernetesResource cluster = onlyCluster(manifests);

        String user = Workloads.envValue(manifests, container, "MENTORING_DB_USER");
        assertEquals(module.databaseUser(), user, overlay + ": the role differs from the service's own default");
        Map<String, Object> role = managedRoles(cluster).stream()
                .filter(candidate -> user.equals(candidate.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no managed role " + user));
        assertEquals(Boolean.TRUE, role.get("login"), overlay + ": role " + user + " cannot log in");
        assertEquals("present", role.get("ensure"), overlay + ": role " + user);
        assertTrue(!Boolean.TRUE.equals(role.get("superuser")) && !Boolean.TRUE.equals(role.get("createrole"))
                && !Boolean.TRUE.equals(role.get("bypassrls")), overlay + ": role " + user + " has powers it does not need");
        assertEquals(GenericKubernetesResource.get(role, "passwordSecret", "name"),
                Workloads.envSecretName(manifests, container, "MENTORING_DB_PASSWORD"),
                overlay + ": the service's password is not the one CloudNativePG sets for " + user);

        URI url = URI.create(Workloads.envValue(manifests, container, "MENTORING_DB_URL").substring("jdbc:".length()));
        assertEquals(cluster.getMetadata().getName() + "-rw", url.getHost(), overlay + ": the service must write to the primary");
        String database = url.getPath().substring(1);
        assertEquals(cluster.get("spec", "bootstrap", "initdb", "database"), database, overlay + ": database name");

        List<Map<String, Object>> owners = manifests.custom("Database").stream()
                .filter(candidate -> database.equals(candidate.get("spec", "name")))
                .flatMap(candidate -> DatabaseTest.<List<Map<String, Object>>>value(candidate, "spec", "schemas").stream())
                .filter(schema -> module.flywaySchema().equals(schema.get("name")))
                .toList();
        assertEquals(1, owners.size(), overlay + ": schema " + module.flywaySchema() + " should be declared once");
        assertEquals(user, owners.get(0).get("owner"), overlay + ": schema " + module.flywaySchema() + " owner");
    }

    private static GenericKubernetesResource onlyCluster(Manifests manifests) {
        List<GenericKubernetesResource> clusters = manifests.custom("Cluster");
        assertEquals(1, clusters.size(), manifests + ": one PostgreSQL cluster expected");
        return clusters.get(0);
    }

    private static List<Map<String, Object>> managedRoles(GenericKubernetesResource cluster) {
        return cluster.get("spec", "managed", "roles");
    }

    private static <T> T value(GenericKubernetesResource resource, Object... path) {
        T found = resource.get(path);
        if (found == null) {
            throw new AssertionError(resource.getKind() + " " + resource.getMetadata().getName() + " has no " + List.of(path));
        }
        return found;
    }
}
