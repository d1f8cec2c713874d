package org.mentoring.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadSamplerTest {

    @TempDir
    Path data;

    @Test
    void findsServiceProcessesByTheirCommandLineAndReadsTheirMemoryAndBacklog() throws Exception {
        Process service = new ProcessBuilder("bash", "-c", "sleep 60; true", "profile-service").start();
        HttpServer metrics = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        metrics.createContext("/q/metrics", exchange -> {
            byte[] body = ("# TYPE mentoring_outbox_backlog gauge\n"
                    + "mentoring_outbox_backlog{schema=\"profile\"} 3.0\n"
                    + "mentoring_outbox_oldest_unsent_age_seconds 1.5\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        metrics.start();
        try {
            Files.writeString(data.resolve("pids"), ProcessHandle.current().pid() + "\n" + service.pid() + "\n");
            LoadSampler sampler = new LoadSampler(data,
                    Map.of("profile", metrics.getAddress().getPort()));
            String line = sampler.sample();
            LoadSampler.Watched profile = sampler.watched().get("profile");
            assertEquals(service.pid(), profile.pid);
            assertTrue(profile.maxRssKb > 0, line);
            assertEquals(3, profile.maxBacklog);
            assertTrue(line.contains("outbox backlog profile 3"), line);
        } finally {
            metrics.stop(0);
            service.destroy();
        }
    }

    @Test
    void aServiceNotRunningIsShownAsUnknown() throws IOException {
        Files.writeString(data.resolve("pids"), ProcessHandle.current().pid() + "\n");
        LoadSampler sampler = new LoadSampler(data, Map.of("matching", 1));
        assertEquals("rss MB matching ?  outbox backlog matching ?", sampler.sample());
        assertEquals(-1, sampler.watched().get("matching").pid);
    }
}
