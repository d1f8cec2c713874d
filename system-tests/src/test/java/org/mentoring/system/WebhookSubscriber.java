package org.mentoring.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restassured.response.Response;

/**
 * A webhook receiver on this machine, as a customer would run one: it checks each delivery's Standard Webhooks
 * signature with its own HMAC code (HMAC-SHA256 over {@code id.timestamp.body}, not the platform's), and remembers
 * what it acknowledged and in which order. A test can take it down ({@link #refuse()}: its port closed, connections
 * refused), make it fail ({@link #fail()}: every delivery read, checked and answered {@code 503}) and bring it back
 * ({@link #recover()}) on the same URL.
 */
final class WebhookSubscriber implements AutoCloseable {

    /** Everything wrong with a delivery: a bad signature, or one webhook-id with two different bodies. */
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    volatile String secret;

    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = Collections.synchronizedSet(new LinkedHashSet<>());
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger refusedWhileFailing = new AtomicInteger();
    private final int port;
    private volatile boolean failing;
    private HttpServer server;

    WebhookSubscriber() {
        port = FreePorts.next();
        recover();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    /** Subscribes this receiver to every event type as HR; returns the subscription's id. */
    String subscribeToEverything(Api api, String description) {
        Response created = api.at("profile", Api.HR).contentType("application/json")
                .body(Map.of("url", url(), "eventTypes", List.of("*"), "description", description))
                .post("/v1/webhooks/subscriptions");
        if (created.statusCode() != 201) {
            throw new AssertionError("subscription refused: " + created.statusCode() + " " + created.asString());
        }
        secret = created.path("secret");
        return created.path("id");
    }

    /** The webhook-ids answered 2xx, in the order they were first acknowledged. */
    List<String> received() {
        synchronized (acknowledged) {
            return List.copyOf(acknowledged);
        }
    }

    /** Every request that reached the receiver, answered 2xx or 503. */
    int deliveries() {
        return deliveries.get();
    }

    /** Requests answered 503 while failing. */
    int failedDeliveries() {
        return refusedWhileFailing.get();
    }

    /** Closes the port: the platform's connections are refused until {@link #fail()} or {@link #recover()}. */
    synchronized void refuse() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again, but answers every delivery 503 after reading and checking it. */
    synchronized void fail() {
        failing = true;
        listen();
    }

    /** Listens and acknowledges every delivery with 204. */
    synchronized void recover() {
        failing = false;
        listen();
    }

    @Override
    public void close() {
        refuse();
    }

    private void listen() {
        if (server != null) {
            return;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            s.createContext("/hook", this::handle);
            s.start();
            server = s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean acknowledge = !failing;
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            deliveries.incrementAndGet();
            String expected = secret == null || id == null || ts == null ? null
                    : Journeys.sign(secret, id, Long.parseLong(ts), body);
            if (expected == null || signatures == null || !List.of(signatures.split(" ")).contains(expected)) {
                problems.add("bad signature on " + id);
            } else {
                String earlier = seen.putIfAbsent(id, body);
                if (earlier != null && !earlier.equals(body)) {
                    problems.add("webhook-id " + id + " delivered twice with different bodies");
                }
                if (acknowledge) {
                    acknowledged.add(id);
                }
            }
        }
        if (acknowledge) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            refusedWhileFailing.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
        }
        exchange.close();
    }
}
