package org.mentoring.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

final class FreePorts {

    private FreePorts() {
    }

    /**
     * A port that is free on the loopback interface right now together with the port after it: the broker listens on
     * the first and its controller on the second.
     */
    static int nextPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = next();
            if (port < 65535 && free(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no two adjacent free ports found on the loopback interface");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port free on the loopback interface right now. */
    static int next() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
