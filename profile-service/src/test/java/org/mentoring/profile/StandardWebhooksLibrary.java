package org.mentoring.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Verifies webhook deliveries with the reference TypeScript implementation of Standard Webhooks (the npm package
 * {@code standardwebhooks}) run by node, independent of this project's signing code. The package is installed
 * into target/ on first use.
 */
final class StandardWebhooksLibrary {

    static final String VERSION = "1.1.1";
    private static final Path DIR = Path.of("target", "standardwebhooks").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = """
            const { Webhook } = require('standardwebhooks');
            let input = '';
            process.stdin.on('data', d => input += d).on('end', () => {
              const results = JSON.parse(input).map(c => {
                try {
                  new Webhook(c.secret).verify(c.body, c.headers);
                  return 'verified';
                } catch (e) {
                  return 'refused: ' + e.message;
                }
              });
              process.stdout.write(JSON.stringify(results));
            });
            """;

    /** One delivery to verify under one secret. */
    record Check(String secret, Map<String, String> headers, String body) {
    }

    private StandardWebhooksLibrary() {
    }

    /** For each check, "verified" or "refused: <why>". */
    static synchronized List<String> verify(List<Check> checks) {
        install();
        try {
            Process node = new ProcessBuilder("node", "verify.js").directory(DIR.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<Map<String, Object>> input = new ArrayList<>();
            for (Check c : checks) {
                input.add(Map.of("secret", c.secret(), "headers", c.headers(), "body", c.body()));
            }
            node.getOutputStream().write(JSON.writeValueAsBytes(input));
            node.getOutputStream().close();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
                throw new AssertionError("node verify.js failed: " + out);
            }
            return JSON.readValue(out, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new AssertionError("could not run node", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String verify(String secret, RecordingReceiver.Received delivery) {
        Map<String, String> headers = Map.of(
                "webhook-id", delivery.header("webhook-id"),
                "webhook-timestamp", delivery.header("webhook-timestamp"),
                "webhook-signature", delivery.header("webhook-signature"));
        return verify(List.of(new Check(secret, headers, delivery.body()))).get(0);
    }

    private static void install() {
        if (Files.isDirectory(DIR.resolve("node_modules").resolve("standardwebhooks"))
                && Files.exists(DIR.resolve("verify.js"))) {
            return;
        }
        try {
            Files.createDirectories(DIR);
            Process npm = new ProcessBuilder("npm", "install", "--prefix", DIR.toString(), "--no-audit", "--no-fund",
                    "--loglevel=error", "standardwebhooks@" + VERSION).redirectErrorStream(true).start();
            String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
                throw new AssertionError("npm install standardwebhooks@" + VERSION + " failed: " + out);
            }
            Files.writeString(DIR.resolve("verify.js"), SCRIPT);
        } catch (IOException e) {
            throw new AssertionError("could not install standardwebhooks with npm", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
