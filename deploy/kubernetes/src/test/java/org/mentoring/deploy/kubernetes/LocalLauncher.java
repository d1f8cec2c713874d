package org.mentoring.deploy.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the one-machine launcher (deploy/local/mentoring) hands each service: the names of the environment variables
 * on the {@code env NAME=value ... java -jar} command that starts a service, and the port map. Read from the script
 * itself so that the comparison with the manifests follows any change to it.
 */
final class LocalLauncher {

    private static final Pattern ASSIGNMENT = Pattern.compile("(?:^|\\s)([A-Z][A-Z0-9_]*)=");
    private static final Pattern START_OF_ENV_COMMAND = Pattern.compile("^\\s*env\\s+[A-Z][A-Z0-9_]*=");
    private static final Pattern PORT_ENTRY = Pattern.compile("\\[(\\w+)]=(\\d+)");

    private LocalLauncher() {
    }

    /** The environment variables the launcher sets on every service it starts. */
    static Set<String> serviceSettings() {
        List<String> lines = script();
        for (int i = 0; i < lines.size(); i++) {
            if (START_OF_ENV_COMMAND.matcher(lines.get(i)).find()) {
                Set<String> names = new LinkedHashSet<>();
                int line = i;
                do {
                    Matcher matcher = ASSIGNMENT.matcher(lines.get(line));
                    while (matcher.find()) {
                        names.add(matcher.group(1));
                    }
                } while (lines.get(line++).stripTrailing().endsWith("\\") && line < lines.size());
                return names;
            }
        }
        throw new AssertionError("deploy/local/mentoring has no 'env NAME=value ... java' command starting a service");
    }

    /** The launcher's port per service, e.g. matching -> 8082. */
    static Map<String, Integer> ports() {
        for (String line : script()) {
            if (line.contains("PORTS=(")) {
                Map<String, Integer> ports = new LinkedHashMap<>();
                Matcher matcher = PORT_ENTRY.matcher(line);
                while (matcher.find()) {
                    ports.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
                }
                return ports;
            }
        }
        throw new AssertionError("deploy/local/mentoring declares no PORTS map");
    }

    private static List<String> script() {
        try {
            return Files.readAllLines(Repository.localLauncher());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
