package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each Deployment runs its service the way the service expects and the way a hardened cluster demands: probes on
 * the health endpoints at the port the service really listens on, non-root with a read-only root filesystem, bounded
 * resources, and time to shut down gracefully.
 */
class DeploymentTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void probesHitTheHealthEndpointsOnThePortTheServiceServes(String overlay, MentoringService service) {
        Manifests manifests = Manifests.of(overlay);
        ServiceModule module = service.module();
        Container container = Workloads.container(manifests, service);
        int servedPort = Integer.parseInt(Workloads.envValue(manifests, container, "MENTORING_HTTP_PORT"));
        assertEquals(module.httpPort(), servedPort,
                overlay + ": MENTORING_HTTP_PORT of " + service.serviceName() + " differs from its quarkus.http.port default");

        String health = module.nonApplicationRoot() + "/health";
        Map<String, Probe> probes = Map.of(
                health + "/started", container.getStartupProbe(),
                health + "/live", container.getLivenessProbe(),
                health + "/ready", container.getReadinessProbe());
        probes.forEach((path, probe) -> {
            assertNotNull(probe, overlay + ": " + service.serviceName() + " lacks the probe for " + path);
            HTTPGetAction get = probe.getHttpGet();
            assertNotNull(get, overlay + ": the probe for " + path + " is not an HTTP GET");
            assertEquals(path, get.getPath(), overlay + ": " + service.serviceName() + " probe path");
            assertEquals(servedPort, containerPort(container, get.getPort()),
                    overlay + ": " + service.serviceName() + " probe for " + path + " targets another port");
        });
        assertTrue(container.getStartupProbe().getPeriodSeconds() * container.getStartupProbe().getFailureThreshold() >= 60,
                overlay + ": a first start (Flyway migrations) needs at least a minute before liveness counts");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void theHeapLeavesTheRestOfTheMemoryLimitToTheRestOfTheJvm(String overlay, MentoringService service) {
        Manifests manifests = Manifests.of(overlay);
        Container container = Workloads.container(manifests, service);
        String ratio = Workloads.envValue(manifests, container, "JAVA_MAX_MEM_RATIO");
        assertNotNull(ratio, overlay + ": " + service.serviceName() + " leaves the heap at run-java.sh's 80 % of the limit");
        int percent = Integer.parseInt(ratio);
        assertTrue(percent >= 25 && percent <= 60, overlay + ": " + service.serviceName() + " heap at " + percent + " %");
        long limit = container.getResources().getLimits().get("memory").getNumericalAmount().longValue();
        assertTrue(limit * (100 - percent) / 100 >= 300L * 1024 * 1024, overlay + ": " + service.serviceName()
                + " leaves less than 300 MiB beside a heap of " + percent + " % of " + limit + " bytes");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void everyContainerRunsNonRootReadOnlyWithoutPrivilegesAndWithLimits(String overlay, MentoringService service) {
        Manifests manifests = Manifests.of(overlay);
        PodSpec pod = Workloads.deployment(manifests, service).getSpec().getTemplate().getSpec();
        PodSecurityContext podSecurity = pod.getSecurityContext();
        assertNotNull(podSecurity, overlay + ": " + service.serviceName() + " has no pod security context");
        assertEquals(Boolean.TRUE, podSecurity.getRunAsNonRoot(), overlay + ": runAsNonRoot");
        assertNotNull(podSecurity.getRunAsUser(), overlay + ": runAsUser");
        assertTrue(podSecurity.getRunAsUser() > 0, overlay + ": runAsUser must not be root");
        assertEquals("RuntimeDefault", podSecurity.getSeccompProfile().getType(), overlay + ": seccomp profile");
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), overlay + ": the services never call the API server");

        List<Container> containers = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        for (Container container : containers) {
            String where = overlay + ": " + service.serviceName() + "/" + container.getName();
            SecurityContext security = container.getSecurityContext();
            assertNotNull(security, where + " has no security context");
            assertFalse(Boolean.TRUE.equals(security.getPrivileged()), where + " is privileged");
            assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), where + " allowPrivilegeEscalation");
            assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), where + " readOnlyRootFilesystem");
            assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), where + " must drop all capabilities");
            assertTrue(security.getCapabilities().getAdd() == null || security.getCapabilities().getAdd().isEmpty(),
                    where + " adds capabilities");
            if (security.getRunAsUser() != null) {
                assertTrue(security.getRunAsUser() > 0, where + " runs as root");
            }
            var resources = container.getResources();
            assertNotNull(resources.getLimits(), where + " has no limits");
            assertNotNull(resources.getLimits().get("cpu"), where + " has no CPU limit");
            assertNotNull(resources.getLimits().get("memory"), where + " has no memory limit");
            assertNotNull(resources.getRequests().get("cpu"), where + " has no CPU request");
            assertNotNull(resources.getRequests().get("memory"), where + " has no memory request");
            assertTrue(resources.getRequests().get("memory").getNumericalAmount()
                            .compareTo(resources.getLimits().get("memory").getNumericalAmount()) <= 0,
                    where + " requests more memory than its limit");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void temporaryFilesGoToAWritableVolume(String overlay, MentoringService service) {
        Manifests manifests = Manifests.of(overlay);
        PodSpec pod = Workloads.deployment(manifests, service).getSpec().getTemplate().getSpec();
        Container container = Workloads.container(manifests, service);
        var tmp = container.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": " + service.serviceName() + " mounts nothing on /tmp"));
        assertFalse(Boolean.TRUE.equals(tmp.getReadOnly()), overlay + ": /tmp must be writable");
        Volume volume = pod.getVolumes().stream().filter(candidate -> candidate.getName().equals(tmp.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no volume " + tmp.getName()));
        assertNotNull(volume.getEmptyDir(), overlay + ": /tmp should be an emptyDir");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.mentoring.deploy.kubernetes.Overlays#withServices")
    void thePodOutlivesTheServicesShutdownTimeout(String overlay, MentoringService service) {
        Manifests manifests = Manifests.of(overlay);
        Deployment deployment = Workloads.deployment(manifests, service);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = Workloads.container(manifests, service);
        Duration shutdown = Workloads.env(container, "MENTORING_SHUTDOWN_TIMEOUT").isPresent()
                ? ServiceModule.parseDuration(Workloads.envValue(manifests, container, "MENTORING_SHUTDOWN_TIMEOUT"))
                : service.module().shutdownTimeout();
        long preStop = container.getLifecycle() == null || container.getLifecycle().getPreStop() == null
                || container.getLifecycle().getPreStop().getSleep() == null
                ? 0 : container.getLifecycle().getPreStop().getSleep().getSeconds();
        assertTrue(preStop > 0, overlay + ": " + service.serviceName()
                + " should pause before SIGTERM so endpoints stop routing to it first");
        assertNotNull(pod.getTerminationGracePeriodSeconds(), overlay + ": terminationGracePeriodSeconds");
        assertTrue(pod.getTerminationGracePeriodSeconds() > preStop + shutdown.toSeconds(),
                overlay + ": " + service.serviceName() + " is killed after " + pod.getTerminationGracePeriodSeconds()
                        + " s, before its " + preStop + " s pause and " + shutdown.toSeconds() + " s shutdown can finish");
        assertEquals(0, deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal(),
                overlay + ": a rolling upgrade must never take a serving replica away before its successor is ready");
        assertNull(deployment.getSpec().getReplicas(),
                overlay + ": the HorizontalPodAutoscaler owns the replica count; a fixed one would fight it");
    }

    private static int containerPort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream()
                .filter(candidate -> port.getStrVal().equals(candidate.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }
}
