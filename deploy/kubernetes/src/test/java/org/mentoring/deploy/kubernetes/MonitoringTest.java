package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The alerts are complete enough to act on and cover every service: each rule has a severity and a summary, and
 * the service alerts' job pattern matches every service's name (Prometheus names the job after the Service).
 */
class MonitoringTest {

    private static final Pattern JOB_PATTERN = Pattern.compile("job=~\"([^\"]+)\"");

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#all")
    void everyAlertIsActionableAndCoversEveryService(String overlay) {
        List<GenericKubernetesResource> rules = Manifests.of(overlay).custom("PrometheusRule");
        assertFalse(rules.isEmpty(), overlay + ": no alerting rules");
        List<String> jobPatterns = new ArrayList<>();
        for (GenericKubernetesResource resource : rules) {
            List<Map<String, Object>> groups = resource.get("spec", "groups");
            for (Map<String, Object> group : groups) {
                List<Map<String, Object>> groupRules = GenericKubernetesResource.get(group, "rules");
                for (Map<String, Object> rule : groupRules) {
                    String name = (String) rule.get("alert");
                    assertNotNull(name, overlay + ": rule without an alert name in group " + group.get("name"));
                    assertNotNull(GenericKubernetesResource.get(rule, "labels", "severity"), overlay + ": " + name + " has no severity");
                    assertNotNull(GenericKubernetesResource.get(rule, "annotations", "summary"), overlay + ": " + name + " has no summary");
                    Matcher matcher = JOB_PATTERN.matcher(String.valueOf(rule.get("expr")));
                    while (matcher.find()) {
                        jobPatterns.add(matcher.group(1));
                    }
                }
            }
        }
        assertFalse(jobPatterns.isEmpty(), overlay + ": no alert watches the services");
        for (String pattern : jobPatterns) {
            for (MentoringService service : MentoringService.values()) {
                assertTrue(service.serviceName().matches(pattern),
                        overlay + ": the alert pattern " + pattern + " misses " + service.serviceName());
            }
        }
    }
}
