package io.inetpublish.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Whose address the gateway tells auth-service (issue 21, item 1). */
class ClientAddressFilterTest {

    static MockServerHttpRequest from(String peer, String... forwardedFor) {
        var request = MockServerHttpRequest.get("/api/auth/login").remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor.length > 0) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.build();
    }

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverItForwards() {
        var filter = new ClientAddressFilter(List.of());
        assertThat(filter.client(from("127.0.0.2", "203.0.113.9"))).isEqualTo("127.0.0.2");
        assertThat(filter.client(from("198.51.100.4"))).isEqualTo("198.51.100.4");
    }

    @Test
    void behindATrustedProxyTheLastAddressItSawIsTheClient() {
        var filter = new ClientAddressFilter(List.of("10.0.0.0/8", "192.168.1.1"));
        // the client wrote 1.1.1.1 itself; the outer proxy saw 203.0.113.9; the inner proxy saw the outer one
        assertThat(filter.client(from("10.0.0.5", "1.1.1.1, 203.0.113.9, 192.168.1.1"))).isEqualTo("203.0.113.9");
        assertThat(filter.client(from("10.0.0.5", "1.1.1.1", "203.0.113.9"))).isEqualTo("203.0.113.9");
        // nothing forwarded, or only trusted hops
        assertThat(filter.client(from("10.0.0.5"))).isEqualTo("10.0.0.5");
        assertThat(filter.client(from("10.0.0.5", "10.1.1.1"))).isEqualTo("10.1.1.1");
        // a name where an address belongs is never looked up
        assertThat(filter.client(from("10.0.0.5", "evil.example"))).isEqualTo("10.0.0.5");
        // an untrusted peer's forwarding headers count for nothing
        assertThat(filter.client(from("198.51.100.4", "203.0.113.9"))).isEqualTo("198.51.100.4");
    }
}
