package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No secret value is committed: no Secret in a render carries data, credentials reach containers only through
 * Secret references, ConfigMaps hold no credentials, and ExternalSecret templates take every secret value from the
 * store. Placeholder "values" such as CHANGE-ME count as values.
 */
class SecretValuesTest {

    private static final Pattern CREDENTIAL_NAME = Pattern.compile(".*(PASSWORD|SECRET|JAAS|TOKEN|PRIVATE|CREDENTIAL).*");
    private static final Pattern PLACEHOLDER = Pattern.compile("(?i).*(change-?me|replace-?me|todo|secret123|password).*");

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void noSecretCarriesAValue(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        for (Secret secret : manifests.all(Secret.class)) {
            assertTrue(isEmpty(secret.getData()) && isEmpty(secret.getStringData()),
                    overlay + ": Secret " + secret.getMetadata().getName() + " carries values; use an ExternalSecret");
        }
        List<GenericKubernetesResource> externalSecrets = manifests.custom("ExternalSecret");
        assertTrue(externalSecrets.size() >= MentoringService.values().length,
                overlay + ": every service's database password should come from the secret store");
        for (GenericKubernetesResource external : externalSecrets) {
            Map<String, Object> template = external.get("spec", "target", "template", "data");
            List<Map<String, Object>> data = external.get("spec", "data");
            assertTrue(data != null && !data.isEmpty(), overlay + ": ExternalSecret " + external.getMetadata().getName()
                    + " takes nothing from the store");
            if (template != null) {
                template.forEach((key, value) -> {
                    if (CREDENTIAL_NAME.matcher(key.toUpperCase(Locale.ROOT)).matches()) {
                        assertTrue(String.valueOf(value).matches("\\{\\{.*}}"), overlay + ": ExternalSecret "
                                + external.getMetadata().getName() + " writes a literal " + key);
                    }
                });
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void credentialsReachContainersOnlyFromSecrets(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar variable : container.getEnv()) {
                    boolean fromSecret = variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null;
                    if (CREDENTIAL_NAME.matcher(variable.getName()).matches() && !fromSecret) {
                        problems.add(deployment.getMetadata().getName() + " " + variable.getName() + " is not read from a Secret");
                    }
                    if (variable.getValue() != null && PLACEHOLDER.matcher(variable.getValue()).matches()) {
                        problems.add(deployment.getMetadata().getName() + " " + variable.getName() + " has a placeholder value");
                    }
                }
            }
        }
        for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
            Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
            data.forEach((key, value) -> {
                if (CREDENTIAL_NAME.matcher(key.toUpperCase(Locale.ROOT)).matches()) {
                    problems.add("ConfigMap " + configMap.getMetadata().getName() + " holds a credential " + key);
                }
                if (PLACEHOLDER.matcher(value).matches()) {
                    problems.add("ConfigMap " + configMap.getMetadata().getName() + " " + key + " has a placeholder value");
                }
            });
        }
        assertEquals(List.of(), problems, overlay + ": credentials outside Secrets");
    }

    private static boolean isEmpty(Map<String, String> map) {
        return map == null || map.isEmpty();
    }
}
