package io.inetpublish.common.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * An address where nothing answers for the whole test run, as for a process that ended while the registry still
 * lists it: a port held by a socket that is bound and never listens, so a connection to it is refused, and no other
 * process can bind it. (A port the system handed out and took back, as the tests used before, is free for anyone: on
 * a machine running other builds a server of theirs could take it, and a request sent there waited for its answer past
 * the test's patience - one of the causes that fit the gateway ITs' 20 s wait of issue 22.) Used by the gateway's and
 * common's tests of dead instances.
 */
public final class DeadAddress {

    private static final List<Socket> HELD = new ArrayList<>();

    private DeadAddress() {
    }

    /** {@code http://127.0.0.1:<port>}, refused until the test JVM ends. */
    public static synchronized String reserve() {
        try {
            Socket socket = new Socket();
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            HELD.add(socket);
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
