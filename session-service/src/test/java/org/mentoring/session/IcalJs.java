package org.mentoring.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A second, independent iCalendar parser: ical.js from npm, run through node. It is installed into
 * {@code target/ical-check} on first use; if node or npm cannot provide it the test fails, saying why.
 */
final class IcalJs {

    static final String PACKAGE = "ical.js@2.2.1";
    private static final Path DIR = Path.of("target", "ical-check").toAbsolutePath();

    private IcalJs() {
    }

    /** What ical.js reads from the calendar text: {method, version, events: [{uid, sequence, status, start, end}]}. */
    static JsonNode parse(String ics) throws Exception {
        install();
        Path file = Files.createTempFile(DIR, "calendar-", ".ics");
        Files.writeString(file, ics, StandardCharsets.UTF_8);
        String out = run(List.of("node", DIR.resolve("parse-ics.mjs").toString(), file.toString()), 60);
        return new ObjectMapper().readTree(out);
    }

    private static synchronized void install() throws Exception {
        Files.createDirectories(DIR);
        try (InputStream script = IcalJs.class.getResourceAsStream("/ical-check/parse-ics.mjs")) {
            if (script == null) {
                throw new AssertionError("ical-check/parse-ics.mjs is not on the test classpath");
            }
            Files.copy(script, DIR.resolve("parse-ics.mjs"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(DIR.resolve("node_modules/ical.js"))) {
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix", DIR.toString(), PACKAGE),
                    300);
        }
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + " (node 20 and npm are needed for the second"
                    + " iCalendar parser): " + e.getMessage(), e);
        }
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                    + new String(err, StandardCharsets.UTF_8) + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
