package org.mentoring.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without kubectl the checks fail and say what is missing, rather than passing on nothing. */
class KubectlTest {

    @Test
    void aMissingKubectlFailsWithAClearMessage() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Kubectl.kustomize(Repository.overlay("dev"), Map.of("PATH", "/nonexistent")));
        assertTrue(failure.getMessage().startsWith("kubectl is needed to render the Kustomize overlays"), failure.getMessage());
    }

    @Test
    void aBrokenOverlayFailsWithKubectlsOwnError() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Kubectl.kustomize(Repository.kubernetes().resolve("src")));
        assertTrue(failure.getMessage().contains("kustomize"), failure.getMessage());
    }
}
