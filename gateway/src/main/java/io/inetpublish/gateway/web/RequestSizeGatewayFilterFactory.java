package io.inetpublish.gateway.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The routes' {@code RequestSize} filter (it replaces Spring Cloud Gateway's, which only compares the declared
 * {@code Content-Length}, so a chunked body of any size went through): a declared length over the route's
 * {@code maxSize} is refused before anything is read, and every body is counted while it streams on to the service;
 * the moment it passes the limit the call to the service is abandoned and the client gets a 413 problem. Bodies are
 * never buffered here, uploads pass through as they arrive.
 * <p>
 * A refused body that is at most {@link #SWALLOW} bytes over the limit is read to its end and dropped before the 413
 * goes out (as Tomcat's {@code maxSwallowSize} does), whether its length was declared or it comes chunked: a client
 * that is still sending when the connection is closed on it gets a reset and loses the answer (a browser shows
 * "connection reset" instead of the problem, a streaming client a closed connection). A body declared larger is
 * answered at once, a chunked one as soon as it passes the limit by more than that, and the connection is closed.
 */
@Component
public class RequestSizeGatewayFilterFactory
        extends AbstractGatewayFilterFactory<RequestSizeGatewayFilterFactory.Config> {

    /** How far over the limit a declared body may be and still be read (and dropped) so the client gets the 413. */
    static final long SWALLOW = 4L * 1024 * 1024;
    private static final Duration SWALLOW_TIMEOUT = Duration.ofSeconds(10);

    public RequestSizeGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("maxSize");
    }

    @Override
    public GatewayFilter apply(Config config) {
        long max = config.getMaxSize().toBytes();
        return (exchange, chain) -> {
            ServerHttpRequest request = exchange.getRequest();
            long declared = request.getHeaders().getContentLength();
            if (declared > max && declared - max <= SWALLOW) {
                return readAndDrop(request).flatMap(readToTheEnd -> tooLarge(exchange, max, !readToTheEnd));
            }
            if (declared > max) {
                return tooLarge(exchange, max, true);
            }
            if (declared <= 0 && !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
                // no body (HTTP/1.1: neither a length nor chunks): nothing to count, the request goes on as it is
                return chain.filter(exchange);
            }
            AtomicLong seen = new AtomicLong();
            ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
                @Override
                public Flux<DataBuffer> getBody() {
                    // past the limit nothing more goes on to the service: the rest is dropped up to SWALLOW bytes
                    // (then the call fails once the body has ended, and the connection can stay), or the call
                    // fails at once with the rest left unread
                    return super.getBody().<DataBuffer>handle((buffer, sink) -> {
                        long total = seen.addAndGet(buffer.readableByteCount());
                        if (total <= max) {
                            sink.next(buffer);
                            return;
                        }
                        DataBufferUtils.release(buffer);
                        if (total - max > SWALLOW) {
                            sink.error(new BodyTooLargeException(max, true));
                        }
                    }).concatWith(Mono.defer(() -> seen.get() > max
                            ? Mono.error(new BodyTooLargeException(max, false)) : Mono.empty()));
                }
            };
            return chain.filter(exchange.mutate().request(counted).build())
                    .onErrorResume(ex -> limitPassed(ex) != null && !exchange.getResponse().isCommitted(),
                            ex -> tooLarge(exchange, max, limitPassed(ex).bodyLeftUnread));
        };
    }

    /**
     * Reads a body that will not be used and drops it, so that its answer can go out on a connection that stays (a
     * client still sending when the connection is closed on it gets a reset and may lose the answer): true when it
     * ended within {@link #SWALLOW} bytes and {@code SWALLOW_TIMEOUT}, false when it is longer or slower (the caller
     * then closes the connection with its answer).
     */
    static Mono<Boolean> readAndDrop(ServerHttpRequest request) {
        AtomicLong seen = new AtomicLong();
        return request.getBody().<DataBuffer>handle((buffer, sink) -> {
                    long total = seen.addAndGet(buffer.readableByteCount());
                    DataBufferUtils.release(buffer);
                    if (total > SWALLOW) {
                        sink.error(new BodyTooLargeException(SWALLOW, true));
                    }
                })
                .then(Mono.just(true))
                .timeout(SWALLOW_TIMEOUT)
                .onErrorReturn(false);
    }

    /** The limit's exception behind a failed call to the service, or null when the call failed for another reason. */
    private static BodyTooLargeException limitPassed(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return tooLarge;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof BodyTooLargeException tooLarge) {
                    return tooLarge;
                }
            }
        }
        return null;
    }

    /** A 413 problem naming the limit, in the person's language like the gateway's other answers. */
    private static Mono<Void> tooLarge(ServerWebExchange exchange, long max, boolean bodyLeftUnread) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
        if (bodyLeftUnread) {
            // what is left of the body is not read: the connection ends with this answer
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        byte[] body = GatewayProblems.body(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", exchange.getRequest(),
                response.getHeaders(), max);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    static String readable(long bytes) {
        return GatewayProblems.readable(bytes);
    }

    static final class BodyTooLargeException extends RuntimeException {

        private final boolean bodyLeftUnread;

        BodyTooLargeException(long max, boolean bodyLeftUnread) {
            super("request body larger than " + readable(max), null, false, false);
            this.bodyLeftUnread = bodyLeftUnread;
        }
    }

    public static class Config {

        private DataSize maxSize = DataSize.ofMegabytes(2);

        public DataSize getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }
    }
}
