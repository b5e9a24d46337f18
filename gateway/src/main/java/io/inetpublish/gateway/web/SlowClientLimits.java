package io.inetpublish.gateway.web;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long the gateway waits for a client that has stopped sending. Reactor Netty waits for ever by default: a
 * client that opened a connection, sent part of a request body and went quiet (a lost laptop, or someone holding
 * connections open on purpose, one trickling byte at a time) kept its connection, and the call to the service it
 * had started, until it went away. Now
 * <ul>
 * <li>a request body that gets no new bytes for {@code client-read-timeout} (30 s) ends the exchange: the connection
 * is closed (Reactor Netty sends no answer to a client that is not reading one anyway; the service's call is
 * abandoned, and nothing half-sent is stored: the services read a body whole before they act on it);</li>
 * <li>a kept-alive connection with no request for {@code client-idle-timeout} (60 s) is closed (a browser opens a new
 * one when it needs it).</li>
 * </ul>
 * A slow upload that keeps sending is never cut (the limit is between reads, not for the whole body), and neither is a
 * long download (the gateway is writing).
 */
@Configuration(proxyBeanMethods = false)
class SlowClientLimits {

    @Bean
    NettyServerCustomizer slowClientTimeouts(
            @Value("${inetpublish.gateway.client-read-timeout:30s}") Duration readTimeout,
            @Value("${inetpublish.gateway.client-idle-timeout:60s}") Duration idleTimeout) {
        return server -> server.readTimeout(readTimeout).idleTimeout(idleTimeout);
    }
}
