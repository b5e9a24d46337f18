package io.inetpublish.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The route's body limit on a chunked body (no declared length), with a chain that reads the body as the routing
 * filter does: what reaches the service, what of the body is read, and whether the connection may stay.
 */
class RequestSizeGatewayFilterFactoryTest {

    static final int MB = 1024 * 1024;
    static final int CHUNK = 64 * 1024;

    final GatewayFilter twoMegabytes;

    RequestSizeGatewayFilterFactoryTest() {
        var config = new RequestSizeGatewayFilterFactory.Config();
        config.setMaxSize(DataSize.ofMegabytes(2));
        twoMegabytes = new RequestSizeGatewayFilterFactory().apply(config);
    }

    /** The outcome of one request: bytes the service got, chunks the client's body gave, the answer. */
    record Outcome(long forwarded, int chunksRead, int chunksSent, MockServerWebExchange exchange) {
    }

    Outcome send(int bytes) {
        AtomicInteger read = new AtomicInteger();
        Flux<DataBuffer> body = Flux.range(0, bytes / CHUNK)
                .<DataBuffer>map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[CHUNK]))
                .doOnNext(chunk -> read.incrementAndGet());
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/builds")
                .header(HttpHeaders.TRANSFER_ENCODING, "chunked").body(body));
        AtomicLong forwarded = new AtomicLong();
        GatewayFilterChain service = forward -> forward.getRequest().getBody()
                .doOnNext(buffer -> {
                    forwarded.addAndGet(buffer.readableByteCount());
                    DataBufferUtils.release(buffer);
                })
                .then(Mono.defer(() -> forward.getResponse().setComplete()));
        twoMegabytes.filter(exchange, service).block();
        return new Outcome(forwarded.get(), read.get(), bytes / CHUNK, exchange);
    }

    @Test
    void aBodyWithinTheLimitGoesToTheServiceWhole() {
        Outcome outcome = send(2 * MB);
        assertThat(outcome.forwarded()).isEqualTo(2 * MB);
        assertThat(outcome.exchange().getResponse().getStatusCode()).isNotEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void aBodyALittleOverIsReadToItsEndAndAnsweredOnAConnectionThatStays() {
        Outcome outcome = send(5 * MB);
        assertThat(outcome.forwarded()).isEqualTo(2 * MB);
        assertThat(outcome.chunksRead()).isEqualTo(outcome.chunksSent());
        assertThat(outcome.exchange().getResponse().getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(outcome.exchange().getResponse().getHeaders().getConnection()).doesNotContain("close");
        assertThat(outcome.exchange().getResponse().getBodyAsString().block()).contains("body-too-large", "2 MB");
    }

    @Test
    void aBodyFarOverIsLeftUnreadAndTheConnectionClosed() {
        Outcome outcome = send(40 * MB);
        assertThat(outcome.forwarded()).isEqualTo(2 * MB);
        // read up to 4 MB past the limit, not the rest
        assertThat(outcome.chunksRead() * (long) CHUNK).isLessThanOrEqualTo(2 * MB + RequestSizeGatewayFilterFactory.SWALLOW
                + CHUNK);
        assertThat(outcome.exchange().getResponse().getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(outcome.exchange().getResponse().getHeaders().getConnection()).contains("close");
    }
}
