package io.inetpublish.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

class RevokedTokensTest {

    static final Instant CHANGED_AT = Instant.parse("2026-11-27T08:00:00.600Z");

    final AtomicReference<ClientResponse> answer = new AtomicReference<>();
    final AtomicReference<Instant> now = new AtomicReference<>(CHANGED_AT.plusSeconds(30));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RevokedTokens revoked = new RevokedTokens(
            WebClient.builder().exchangeFunction(request -> Mono.just(answer.get())).build(),
            "http://auth-service:9081/actuator/revocations", Duration.ofSeconds(5),
            new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now.get();
                }
            }, meters);

    static ClientResponse listing(String json) {
        return ClientResponse.create(HttpStatus.OK)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE).body(json).build();
    }

    static Jwt token(String sid, String uid, String role) {
        return token(sid, uid, role, CHANGED_AT);
    }

    static Jwt token(String sid, String uid, String role, Instant issuedAt) {
        return Jwt.withTokenValue("t").header("alg", "ES256").claim("sid", sid).claim("uid", uid)
                .claim("roles", List.of(role)).issuedAt(issuedAt).expiresAt(issuedAt.plusSeconds(900)).build();
    }

    @Test
    void refusesAChangedPersonsTokensIssuedBeforeTheChangeAndInItsSecondOnlyWithTheOldRole() {
        // changed to SUPPORT at 08:00:00.600; tokens carry whole seconds
        answer.set(listing("""
                {"sessions": [], "users": [{"uid": "u1", "role": "SUPPORT", "changedAt": "%s"}]}""".formatted(CHANGED_AT)));
        revoked.refresh().block();
        Instant sameSecond = Instant.parse("2026-11-27T08:00:00Z");

        assertThat(revoked.isRevoked(token("s1", "u1", "VIEWER", sameSecond.minusSeconds(1)))).isTrue();
        assertThat(revoked.isRevoked(token("s1", "u1", "SUPPORT", sameSecond.minusSeconds(1)))).isTrue();
        assertThat(revoked.isRevoked(token("s1", "u1", "VIEWER", sameSecond))).isTrue();
        assertThat(revoked.isRevoked(token("s1", "u1", "SUPPORT", sameSecond))).isFalse();
        // issued later with another role: the role changed again since this list was fetched
        assertThat(revoked.isRevoked(token("s1", "u1", "VIEWER", sameSecond.plusSeconds(1)))).isFalse();
        assertThat(revoked.isRevoked(token("s1", "u2", "VIEWER", sameSecond.minusSeconds(1)))).isFalse();
    }

    @Test
    void keepsTheLastListWhileAuthServiceCannotBeReachedAndShowsItsAge() {
        answer.set(listing("{\"sessions\": [{\"sid\": \"s1\", \"revokedAt\": \"" + CHANGED_AT + "\"}], \"users\": []}"));
        revoked.refresh().block();
        assertThat(revoked.isRevoked(token("s1", "u1", "VIEWER"))).isTrue();

        now.set(now.get().plusSeconds(20));
        answer.set(ClientResponse.create(HttpStatus.SERVICE_UNAVAILABLE).build());
        revoked.refresh().block();
        answer.set(listing("{\"unexpected\": true"));
        revoked.refresh().block();

        assertThat(revoked.isRevoked(token("s1", "u1", "VIEWER"))).isTrue();
        assertThat(revoked.isRevoked(token("s2", "u1", "VIEWER"))).isFalse();
        assertThat(meters.get("inetpublish.gateway.revocations.age").gauge().value()).isEqualTo(20.0);
        assertThat(meters.get("inetpublish.gateway.revocations.listed").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void countsTheAgeFromTheStartUntilTheFirstFetchSoThatANeverReachedListAlerts() {
        now.set(now.get().plusSeconds(300));
        answer.set(ClientResponse.create(HttpStatus.SERVICE_UNAVAILABLE).build());
        revoked.refresh().block();

        assertThat(meters.get("inetpublish.gateway.revocations.age").gauge().value()).isEqualTo(300.0);
    }

    @Test
    void asksTheNextAuthServiceInstanceWhenOneDoesNotAnswer() {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        RevokedTokens several = new RevokedTokens(WebClient.builder().exchangeFunction(request -> {
            asked.add(request.url().toString());
            return request.url().getHost().equals("10.0.0.11")
                    ? Mono.error(new java.net.ConnectException("Connection refused"))
                    : Mono.just(listing("{\"sessions\": [{\"sid\": \"s1\", \"revokedAt\": \"" + CHANGED_AT
                            + "\"}], \"users\": []}"));
        }).build(), "lb://auth-service/actuator/revocations",
                () -> List.of("http://10.0.0.11:9081/actuator/revocations", "http://10.0.0.12:9081/actuator/revocations",
                        "http://10.0.0.13:9081/actuator/revocations"),
                Duration.ofSeconds(5), Clock.systemUTC(), new SimpleMeterRegistry());

        several.refresh().block();

        assertThat(several.isRevoked(token("s1", "u1", "VIEWER"))).isTrue();
        // the dead one, then the first that answered; not the third
        assertThat(asked).containsExactly("http://10.0.0.11:9081/actuator/revocations",
                "http://10.0.0.12:9081/actuator/revocations");
    }

    @Test
    void keepsTheListWhenNoInstanceIsKnown() {
        RevokedTokens none = new RevokedTokens(WebClient.create(), "lb://auth-service/actuator/revocations", List::of,
                Duration.ofSeconds(5), Clock.systemUTC(), new SimpleMeterRegistry());
        answer.set(null);

        none.refresh().block();

        assertThat(none.isRevoked(token("s1", "u1", "VIEWER"))).isFalse();
    }
}
