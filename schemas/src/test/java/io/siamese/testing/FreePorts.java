package io.siamese.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds ports nobody listens on, so parallel builds on one machine never collide on fixed ports. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * @return a port on 127.0.0.1 that was free a moment ago (the kernel hands out ephemeral ports round-robin,
     *         so it is very unlikely to be taken again before the caller binds it)
     */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
