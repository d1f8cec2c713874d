package org.mentoring.deploy.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the files these checks compare live: the overlays, the services' modules and the local launcher. The tests
 * read the real files of the working tree, so a change on either side that breaks the agreement fails the build.
 */
final class Repository {

    private static final Path ROOT = findRoot();

    private Repository() {
    }

    static Path root() {
        return ROOT;
    }

    static Path kubernetes() {
        return ROOT.resolve("deploy/kubernetes");
    }

    static Path overlay(String name) {
        return kubernetes().resolve("overlays").resolve(name);
    }

    /** Every overlay directory: a new one is checked as soon as it exists. */
    static List<String> overlays() {
        try (Stream<Path> entries = Files.list(kubernetes().resolve("overlays"))) {
            return entries.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path serviceModule(String serviceName) {
        return ROOT.resolve(serviceName);
    }

    static Path localLauncher() {
        return ROOT.resolve("deploy/local/mentoring");
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("deploy/local/mentoring")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("run from inside the repository: no parent of "
                + Path.of("").toAbsolutePath() + " holds deploy/local/mentoring");
    }
}
