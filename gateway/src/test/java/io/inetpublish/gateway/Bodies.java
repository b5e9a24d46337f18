package io.inetpublish.gateway;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

/** Request bodies the gateway tests send. */
public final class Bodies {

    private Bodies() {
    }

    /** A body of this many bytes in 64 KB chunks, without a Content-Length (sent chunked, as a streamed upload is). */
    public static Flux<DataBuffer> chunked(int bytes) {
        int chunk = 64 * 1024;
        return Flux.range(0, (bytes + chunk - 1) / chunk)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[Math.min(chunk, bytes - i * chunk)]));
    }
}
