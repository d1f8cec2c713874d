package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict parse really catches what the API server would not accept: misspelt fields and wrong types. */
class UnknownFieldsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: sample
            spec:
              selector:
                matchLabels:
                  app: sample
              template:
                metadata:
                  labels:
                    app: sample
                spec:
                  containers:
                    - name: service
                      image: sample
                      %s
            """;

    @Test
    void aWellFormedDeploymentHasNoUnknownFields() {
        Manifests parsed = Manifests.parse("sample", DEPLOYMENT.formatted("readinessProbe: {httpGet: {path: /q/health/ready, port: 8080}}"));
        Deployment deployment = parsed.get(Deployment.class, "sample");
        assertEquals(List.of(), UnknownFields.in(deployment));
    }

    @Test
    void aMisspeltFieldIsReportedWithItsPath() {
        Manifests parsed = Manifests.parse("sample", DEPLOYMENT.formatted("readinesProbe: {httpGet: {path: /q/health/ready, port: 8080}}"));
        List<String> unknown = UnknownFields.in(parsed.get(Deployment.class, "sample"));
        assertEquals(List.of("Deployment.spec.template.spec.containers[0]: unknown [readinesProbe]"), unknown);
    }

    @Test
    void customResourcesStayGeneric() {
        Manifests parsed = Manifests.parse("sample", """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: sample
                spec:
                  topicName: mentoring.sample.v1
                """);
        GenericKubernetesResource topic = assertInstanceOf(GenericKubernetesResource.class, parsed.objects().get(0));
        assertEquals("mentoring.sample.v1", topic.get("spec", "topicName"));
    }
}
