package org.mentoring.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.restassured.RestAssured;

/**
 * Requests written over a plain socket, for what an HTTP client will not send: a body in chunks that never ends, or a
 * length that is declared and never sent.
 */
final class RawHttp {

    /** What goes on the wire after a request's headers, written by the test itself. */
    interface Wire {
        void write(OutputStream out) throws IOException;
    }

    private RawHttp() {
    }

    /**
     * Sends {@code method path} to the service under test with the given headers (each ending in CRLF), then the
     * body, and returns the status line of the answer, read within 10 seconds of the last byte written.
     */
    static String statusLine(String method, String path, String headers, Wire body) throws IOException {
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(out);
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    /** Writes bytes {@code from} to {@code to} as one chunk of a chunked body. */
    static void chunk(OutputStream out, byte[] bytes, int from, int to) throws IOException {
        out.write((Integer.toHexString(to - from) + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(bytes, from, to - from);
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
}
