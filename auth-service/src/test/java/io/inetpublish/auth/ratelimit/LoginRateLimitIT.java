package io.inetpublish.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

import io.inetpublish.auth.support.AuthIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The login limit is per real client (issue 21, item 1): the suite's MockMvc calls come from 127.0.0.1, which the
 * suite configures as the trusted gateway; a call from any other address is a direct call on this service's port.
 */
@AuthIntegrationTest
class LoginRateLimitIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TrustedGateways gateways;

    static RequestPostProcessor from(String peer) {
        return request -> {
            request.setRemoteAddr(peer);
            return request;
        };
    }

    /** Calls the login until it answers 429 (at most 700 calls); returns how many it took. */
    int callsUntilLimited(IntFunction<MvcTestResult> call) {
        int calls = 0;
        MvcTestResult last;
        do {
            last = call.apply(calls);
            calls++;
        } while (last.getResponse().getStatus() != 429 && calls < 700);
        assertThat(last).hasStatus(HttpStatus.TOO_MANY_REQUESTS).containsHeader("Retry-After");
        return calls;
    }

    @Test
    void oneClientBehindTheGatewayDoesNotLockOutAnother() {
        String greedy = "203.0.113." + (int) (Math.random() * 200 + 1);
        int calls = callsUntilLimited(i -> mvc.get().uri("/api/auth/login")
                .header(TrustedGateways.CLIENT_HEADER, greedy).exchange());
        // 300 a minute are allowed (a minute boundary during the loop allows at most 300 more)
        assertThat(calls).isBetween(301, 601);

        assertThat(mvc.get().uri("/api/auth/login").header(TrustedGateways.CLIENT_HEADER, greedy + "0"))
                .hasStatus(HttpStatus.FOUND);
    }

    @Test
    void aDirectCallerGetsNoFreshAllowanceFromHeaders() {
        int host = (int) (Math.random() * 200 + 1);
        String peer = "198.51.100." + host;
        int calls = callsUntilLimited(i -> mvc.get().uri("/api/auth/login").with(from(peer))
                .header("X-Forwarded-For", "192.0.2." + i % 250)
                .header(TrustedGateways.CLIENT_HEADER, "192.0.2." + i % 250).exchange());
        assertThat(calls).isBetween(301, 601);

        // the same direct caller with yet another header: still refused; another address: not
        assertThat(mvc.get().uri("/api/auth/login").with(from(peer))
                .header(TrustedGateways.CLIENT_HEADER, UUID.randomUUID().toString()))
                .hasStatus(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(mvc.get().uri("/api/auth/login").with(from("198.51.101." + host))).hasStatus(HttpStatus.FOUND);
    }

    @Test
    void everyInstanceCountsTheSameCalls() {
        // both instances' clocks in the middle of one minute: with the real clock, a minute boundary between the calls
        // started a new count and let all 12 through (CI, 2026-12-05 01:28:00 UTC)
        Clock midMinute = Clock.fixed(Instant.parse("2026-01-01T08:30:30Z"), ZoneOffset.UTC);
        RateLimiter one = new RateLimiter(jdbc, gateways, midMinute);
        RateLimiter other = new RateLimiter(jdbc, gateways, midMinute);
        String client = "shared-" + UUID.randomUUID();
        List<Boolean> allowed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            allowed.add((i % 2 == 0 ? one : other).tryAcquire("login", client, 10));
        }
        // 10 in all, not 10 per instance
        assertThat(allowed.subList(0, 10)).containsOnly(true);
        assertThat(allowed.subList(10, 12)).containsOnly(false);
    }

    @Test
    void trustsTheClientHeaderOnlyFromConfiguredGateways() {
        assertThat(gateways.trusts("127.0.0.1")).isTrue();
        assertThat(gateways.trusts("127.0.0.2")).isFalse();
        assertThat(new TrustedGateways(List.of("10.0.0.0/8", "localhost")).trusts("10.1.2.3")).isTrue();
        assertThat(new TrustedGateways(List.of()).trusts("127.0.0.1")).isFalse();
    }
}
