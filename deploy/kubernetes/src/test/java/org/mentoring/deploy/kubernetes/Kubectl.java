package org.mentoring.deploy.kubernetes;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders an overlay exactly as an operator would, with {@code kubectl kustomize} (offline, no cluster needed).
 * kubectl is taken from $KUBECTL, else from the PATH; without it the checks cannot run and say so.
 */
final class Kubectl {

    private static final long TIMEOUT_SECONDS = 60;

    private Kubectl() {
    }

    static String kustomize(Path directory) {
        return kustomize(directory, System.getenv());
    }

    /** As {@link #kustomize(Path)}, looking kubectl up in the given environment. */
    static String kustomize(Path directory, Map<String, String> environment) {
        Path kubectl = locate(environment).orElseThrow(() -> new IllegalStateException(
                "kubectl is needed to render the Kustomize overlays under deploy/kubernetes and was not found "
                        + "(neither $KUBECTL nor kubectl on the PATH). Install kubectl 1.27 or newer; .ci/run does this "
                        + "on CI machines."));
        List<String> command = List.of(kubectl.toString(), "kustomize", directory.toString());
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            CompletableFuture<String> out = readAsync(process.getInputStream());
            CompletableFuture<String> err = readAsync(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took longer than " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "):\n" + err.join());
            }
            return out.join();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + directory, e);
        }
    }

    private static Optional<Path> locate(Map<String, String> environment) {
        String configured = environment.get("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = environment.getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(could not read: " + e.getMessage() + ")";
            }
        });
    }
}
