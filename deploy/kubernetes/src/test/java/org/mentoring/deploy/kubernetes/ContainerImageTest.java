package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What can be checked of the images without pulling or building one: each overlay deploys exactly the reference a
 * container-image build of the service produces (registry, group, name and the project's version as tag), under
 * the user the image is built for, and a plain build never builds or pushes an image.
 */
class ContainerImageTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void theOverlayDeploysTheImageTheBuildProduces(String overlay, MentoringService service) {
        Manifests manifests = Manifests.of(overlay);
        ServiceModule module = service.module();
        Container container = Workloads.container(manifests, service);
        assertEquals(module.imageReference(), container.getImage(),
                overlay + ": " + service.serviceName() + " deploys another image than its build produces");
        assertEquals(service.serviceName(), module.value("quarkus.container-image.name"), "image name of " + service.serviceName());
        assertFalse(container.getImage().endsWith(":latest"), overlay + ": a moving tag cannot be rolled back");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void thePodRunsAsTheImagesNonRootUser(String overlay, MentoringService service) {
        Manifests manifests = Manifests.of(overlay);
        ServiceModule module = service.module();
        long imageUser = Long.parseLong(module.value("quarkus.jib.user"));
        assertTrue(imageUser > 0, service.serviceName() + ": the image's user must not be root");
        PodSecurityContext security = Workloads.deployment(manifests, service).getSpec().getTemplate().getSpec().getSecurityContext();
        assertEquals(imageUser, security.getRunAsUser(), overlay + ": runAsUser differs from the image's user");
    }

    @ParameterizedTest
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void aPlainBuildNeverBuildsOrPushesAndTheBaseImageIsConfigurable(String overlay, MentoringService service) {
        ServiceModule module = service.module();
        assertEquals("false", module.value("quarkus.container-image.build"), service.serviceName());
        assertEquals("false", module.value("quarkus.container-image.push"), service.serviceName());
        assertTrue(module.environmentNamesOf("quarkus.jib.base-jvm-image").contains("MENTORING_IMAGE_BASE"),
                service.serviceName() + ": the base image should be set through MENTORING_IMAGE_BASE");
        assertTrue(module.environmentNamesOf("quarkus.container-image.registry").contains("MENTORING_IMAGE_REGISTRY"),
                service.serviceName() + ": the registry should be set through MENTORING_IMAGE_REGISTRY");
    }
}
