package org.mentoring.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the running stack during a load run: the resident memory (VmRSS) of each service process, found among the
 * pids the launcher records in {@code .data/pids}, and each service's outbox backlog from its
 * {@code mentoring_outbox_backlog} gauge. Keeps first, last and highest values for the report.
 */
final class LoadSampler {

    /** One service's figures over the run. */
    static final class Watched {
        final String service;
        final long pid;
        final int port;
        long firstRssKb = -1;
        long lastRssKb = -1;
        long maxRssKb = -1;
        long maxBacklog;

        Watched(String service, long pid, int port) {
            this.service = service;
            this.pid = pid;
            this.port = port;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Watched> watched = new LinkedHashMap<>();

    LoadSampler(Path dataDir, Map<String, Integer> ports) throws IOException {
        Path pids = dataDir.resolve("pids");
        List<String> lines = Files.exists(pids) ? Files.readAllLines(pids) : List.of();
        for (Map.Entry<String, Integer> service : ports.entrySet()) {
            long pid = lines.stream().map(String::trim).filter(l -> l.matches("\\d+")).mapToLong(Long::parseLong)
                    .filter(p -> commandLine(p).contains(service.getKey() + "-service")).findFirst().orElse(-1);
            watched.put(service.getKey(), new Watched(service.getKey(), pid, service.getValue()));
        }
    }

    /** Takes one sample of every service and returns it as a line, e.g. {@code rss MB profile 402 ... backlog 0/0/0/0}. */
    String sample() {
        StringBuilder rss = new StringBuilder("rss MB");
        StringBuilder backlog = new StringBuilder("outbox backlog");
        for (Watched w : watched.values()) {
            long kb = rssKb(w.pid);
            if (kb >= 0) {
                w.firstRssKb = w.firstRssKb < 0 ? kb : w.firstRssKb;
                w.lastRssKb = kb;
                w.maxRssKb = Math.max(w.maxRssKb, kb);
            }
            long b = backlog(w.port);
            w.maxBacklog = Math.max(w.maxBacklog, b);
            rss.append(' ').append(w.service).append(' ').append(kb < 0 ? "?" : String.valueOf(kb / 1024));
            backlog.append(' ').append(w.service).append(' ').append(b < 0 ? "?" : String.valueOf(b));
        }
        return rss + "  " + backlog;
    }

    Map<String, Watched> watched() {
        return watched;
    }

    static long rssKb(long pid) {
        if (pid < 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            return -1;
        }
        return -1;
    }

    private long backlog(int port) {
        try {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return metrics.body().lines().filter(l -> l.startsWith("mentoring_outbox_backlog"))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }
}
