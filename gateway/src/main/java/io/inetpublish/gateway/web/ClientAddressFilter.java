package io.inetpublish.gateway.web;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Tells the services who the client is, in {@value #CLIENT_HEADER}, replacing whatever a client sent in it. The
 * client is the gateway's peer, unless that peer is one of the operator's trusted proxies
 * ({@code GATEWAY_TRUSTED_PROXIES}: a load balancer or reverse proxy in front of the gateway, as addresses or CIDR
 * ranges); then it is the right-most {@code X-Forwarded-For} entry that is not a trusted proxy itself, the last
 * address someone the operator trusts saw. Entries further left were written by the client and count for nothing.
 * auth-service keys its login limit by this address and believes it only from the gateway (issue 21, item 1).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ClientAddressFilter implements WebFilter {

    static final String CLIENT_HEADER = "X-InetPublish-Client";

    private final List<AddressRange> trustedProxies;

    ClientAddressFilter(@Value("${inetpublish.gateway.trusted-proxies:}") List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(AddressRange::of).toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String client = client(exchange.getRequest());
        return chain.filter(exchange.mutate().request(request -> request.headers(headers -> {
            headers.remove(CLIENT_HEADER);
            if (client != null) {
                headers.set(CLIENT_HEADER, client);
            }
        })).build());
    }

    String client(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
        if (peer == null || !trusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : request.getHeaders().getOrEmpty("X-Forwarded-For")) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (AddressRange.literal(hop) == null) {
                return peer;
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return hops.isEmpty() ? peer : hops.get(0);
    }

    private boolean trusted(String address) {
        return trustedProxies.stream().anyMatch(proxy -> proxy.contains(address));
    }
}
