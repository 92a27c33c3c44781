package io.alertstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out TCP ports on 127.0.0.1 that were free a moment ago.
 *
 * <p>Input: nothing. Output: a port number. Semantics: the kernel picks an unused port for a
 * throw-away server socket; the port is remembered so this JVM never hands it out twice (two
 * services started back to back must not get the same port). A port can still be taken by another
 * process between {@link #find()} and its use, so the embedded services retry with new ports when
 * the port was not chosen by the caller.
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int MAX_ATTEMPTS = 50;

    private FreePorts() {
    }

    /** Returns a port on 127.0.0.1 that is free now and was not returned before in this JVM. */
    public static int find() {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int port = probe();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port on 127.0.0.1 after " + MAX_ATTEMPTS + " attempts");
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a server socket on 127.0.0.1", e);
        }
    }
}
