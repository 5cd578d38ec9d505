package io.siamese.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ports on 127.0.0.1 that nobody listens on, so parallel runs on one machine never collide. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * @return a port that was free a moment ago; the kernel hands out ephemeral ports round-robin, so it is
     *         very unlikely to be taken before the caller's child process binds it
     */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * @param count how many ports
     * @return {@code count} different free ports: all are held open together while they are chosen, because
     *         Linux readily hands a just-released port out again, and two servers of one stack must not collide
     */
    public static int[] distinct(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("no " + count + " free ports on 127.0.0.1", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a listening socket that never accepted anything does not fail in practice.
                }
            }
        }
    }
}
