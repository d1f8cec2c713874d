package org.mentoring.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.TestTokens;

/** Limits that keep one caller from exhausting a service: body size, page size, and the rate of expensive operations. */
class ResourceLimitsTest extends AgainstTheSystem {

    @Test
    void expensiveOperationsAreLimitedPerCallerWithRetryAfter() {
        Response created = api.createProfile("export-limit");
        assertEquals(201, created.statusCode(), created.asString());
        String id = created.path("id");
        String caller = TestTokens.bearer("hr-limits-1", "hr.limits.1@system.test", "hr-admin");
        // 30 per minute, refilled continuously: the first 30 pass at once, then about one every 2 s.
        long started = System.nanoTime();
        int allowed = 0;
        Response refused = null;
        while (refused == null && allowed < 200) {
            Response export = api.at("profile", caller).get("/v1/profiles/" + id + "/export");
            if (export.statusCode() == 429) {
                refused = export;
            } else {
                assertEquals(200, export.statusCode(), export.asString());
                allowed++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(refused != null, "no limit after " + allowed + " exports");
        assertTrue(allowed >= 30 && allowed <= 30 + seconds / 2 + 1,
                allowed + " exports passed in " + seconds + " s; the budget is 30 plus one per 2 s");
        System.out.printf("export limit: %d allowed in %.1f s, then 429 (Retry-After %s s)%n", allowed, seconds,
                refused.header("Retry-After"));
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals("urn:mentoring:problem:too-many-requests", refused.path("type"));
        assertNotNull(refused.header("Retry-After"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);

        String otherCaller = TestTokens.bearer("hr-limits-2", "hr.limits.2@system.test", "hr-admin");
        assertEquals(200, api.at("profile", otherCaller).get("/v1/profiles/" + id + "/export").statusCode(),
                "another caller has their own budget");
    }

    @Test
    void anOversizedBodyIs413ProblemJsonOnEveryService() throws Exception {
        for (String service : new String[] {"matching", "session", "feedback"}) {
            URI url = URI.create(system.url(service));
            // The service refuses on the declared length, before reading the body: send the headers and a first
            // chunk, then read the answer, as a client that honours an early response does.
            try (Socket socket = new Socket(url.getHost(), url.getPort())) {
                socket.setSoTimeout(30_000);
                String head = "POST /admin/dead-letters/00000000-0000-0000-0000-000000000000/replay HTTP/1.1\r\n"
                        + "Host: " + url.getHost() + "\r\nAuthorization: " + Api.HR + "\r\n"
                        + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: " + (11 * 1024 * 1024) + "\r\n\r\n";
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write("{\"padding\":\"".getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[64 * 1024]);
                out.flush();
                String response = readResponse(socket.getInputStream());
                assertTrue(response.startsWith("HTTP/1.1 413"), service + ": " + response);
                assertTrue(response.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"),
                        service + ": " + response);
            }
        }
    }

    @Test
    void aPageLargerThanTheMaximumIsRefused() {
        Response r = api.at("profile", Api.HR).queryParam("limit", 10_000).get("/v1/profiles");
        assertEquals(400, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    }

    /** Reads one HTTP/1.1 response (status line, headers and a Content-Length body) without waiting for a close. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                break;
            }
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
