package org.mentoring.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadCallsTest {

    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> answer(exchange, 200, "{\"id\":\"a\"}"));
        server.createContext("/conflict", exchange -> answer(exchange, 409, "{\"title\":\"Conflict\"}"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anExpectedAnswerIsTimedAndReturned() throws Exception {
        LoadCalls calls = new LoadCalls();
        assertEquals("a", calls.call("read", System.nanoTime(), "GET", base + "/ok", "t", null, 200).path("id").asText());
        assertEquals(1, calls.snapshot().get("read").latencies.count());
        assertEquals(0, calls.errors());
    }

    @Test
    void recentLatenciesStartAfreshEachTimeTheyAreTaken() throws Exception {
        LoadCalls calls = new LoadCalls();
        calls.call("read", System.nanoTime(), "GET", base + "/ok", "t", null, 200);
        calls.call("read", System.nanoTime(), "GET", base + "/ok", "t", null, 200);
        assertEquals(2, calls.takeRecent().count());
        assertEquals(0, calls.takeRecent().count());
        assertEquals(2, calls.snapshot().get("read").latencies.count());
    }

    @Test
    void anUnexpectedStatusIsAnErrorKeptWithItsBody() {
        LoadCalls calls = new LoadCalls();
        assertThrows(LoadCalls.Failed.class,
                () -> calls.call("write", System.nanoTime(), "POST", base + "/conflict", "t", java.util.Map.of(), 201));
        assertEquals(1, calls.errors());
        assertEquals(1, calls.snapshot().get("write").errors.get());
        assertTrue(calls.keptErrors().get(0).contains("409"));
        assertTrue(calls.keptErrors().get(0).contains("Conflict"));
    }

    @Test
    void aRefusedConnectionIsAnError() {
        LoadCalls calls = new LoadCalls();
        server.stop(0);
        assertThrows(LoadCalls.Failed.class, () -> calls.call("read", System.nanoTime(), "GET", base + "/ok", "t", null, 200));
        assertEquals(1, calls.errors());
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
