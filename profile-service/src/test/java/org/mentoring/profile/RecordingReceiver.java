package org.mentoring.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver for webhook tests, on 127.0.0.1. Each path answers as its test tells it (status, delay,
 * headers per request number); every request is kept with its headers and body. It can be stopped and started
 * again on the same port to play a receiver that is down for a while.
 */
final class RecordingReceiver implements AutoCloseable {

    /** One request as it arrived, and the status it was answered with. */
    record Received(String path, Map<String, String> headers, String body, Instant at, int answeredWith) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean accepted() {
            return answeredWith >= 200 && answeredWith < 300;
        }
    }

    record Reply(int status, long delayMillis, Map<String, String> headers) {
        static Reply status(int status) {
            return new Reply(status, 0, Map.of());
        }
    }

    private final Map<String, IntFunction<Reply>> behaviour = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostInFlight = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile HttpServer server;
    private int port;

    static RecordingReceiver start() {
        RecordingReceiver receiver = new RecordingReceiver();
        receiver.bind(0);
        return receiver;
    }

    private void bind(int wanted) {
        IOException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", wanted), 50);
                s.createContext("/", this::handle);
                s.setExecutor(executor);
                s.start();
                server = s;
                port = s.getAddress().getPort();
                return;
            } catch (BindException e) {
                last = e;
                sleep(100);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("could not bind port " + wanted, last);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** How the path answers its n-th request (from 1). Paths without a rule answer 204. */
    void answer(String path, IntFunction<Reply> rule) {
        behaviour.put(path, rule);
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Stops listening: connections are refused until {@link #resume()}. */
    void goDown() {
        server.stop(0);
    }

    void resume() {
        bind(port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        int now = inFlight.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        mostInFlight.computeIfAbsent(path, p -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            respond(exchange, path, headers, body);
        } finally {
            inFlight.get(path).decrementAndGet();
        }
    }

    /** The most requests to the path that were ever being handled at the same time. */
    int mostAtOnce(String path) {
        AtomicInteger most = mostInFlight.get(path);
        return most == null ? 0 : most.get();
    }

    private void respond(HttpExchange exchange, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Reply reply = behaviour.getOrDefault(path, i -> Reply.status(204)).apply(n);
        if (reply.delayMillis() > 0) {
            sleep(reply.delayMillis());
        }
        received.add(new Received(path, headers, new String(body, StandardCharsets.UTF_8), Instant.now(),
                reply.status()));
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] answer = ("answered " + reply.status() + " ").repeat(100).getBytes(StandardCharsets.UTF_8);
        if (reply.status() == 204) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            exchange.sendResponseHeaders(reply.status(), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            } catch (IOException e) {
                // the sender gave up waiting (timeout tests): nothing to answer to
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
