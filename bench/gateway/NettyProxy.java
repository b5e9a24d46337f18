import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * Bench-only (bench/gateway/ladder.sh): the least a JVM reverse proxy on Reactor Netty does, to measure the floor of "a
 * JVM proxy on Netty" beside nginx and the gateway on the same machine. No Spring, no token check, no routing: every
 * request goes to one upstream over a pooled, kept-alive client, with its method, path, headers and body; the answer
 * comes back with its status, headers and body. The same Reactor Netty and Netty as the gateway's (its jar's
 * libraries on the class path), the same defaults (native epoll transport when on the class path, event loops =
 * cores).
 *
 *   java -cp 'LIBS/*' bench/gateway/NettyProxy.java LISTEN_PORT UPSTREAM_PORT
 */
public class NettyProxy {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String upstream = "http://127.0.0.1:" + args[1];
        HttpClient client = HttpClient.create(ConnectionProvider.builder("upstream").maxConnections(500).build())
                .baseUrl(upstream);
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port)
                .handle((request, response) -> client
                        .headers(headers -> copy(request.requestHeaders(), headers))
                        .request(request.method())
                        .uri(request.uri())
                        .send((clientRequest, out) -> out.send(request.receive().retain()))
                        .response((answer, body) -> response.status(answer.status())
                                .headers(copy(answer.responseHeaders(), response.responseHeaders()))
                                .send(body.retain()))
                        .then(Mono.<Void>empty()))
                .bindNow();
        System.out.println("NettyProxy on " + server.port() + " -> " + upstream + " (native transport: "
                + reactor.netty.resources.LoopResources.hasNativeSupport() + ")");
        server.onDispose().block();
    }

    /** The end-to-end headers: everything but the hop-by-hop ones and Host (the client sets the upstream's). */
    private static HttpHeaders copy(HttpHeaders from, HttpHeaders to) {
        to.set(from);
        to.remove(HttpHeaderNames.CONNECTION);
        to.remove("keep-alive");
        to.remove(HttpHeaderNames.HOST);
        return to;
    }
}
