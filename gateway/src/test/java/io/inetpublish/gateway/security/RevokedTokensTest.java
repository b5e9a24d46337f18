package io.inetpublish.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
            "http://auth-service/internal/revocations", Duration.ofSeconds(5),
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

    static Jwt token(String sid, String uid, Instant issuedAt) {
        return Jwt.withTokenValue("t").header("alg", "ES256").claim("sid", sid).claim("uid", uid)
                .issuedAt(issuedAt).expiresAt(issuedAt.plusSeconds(900)).build();
    }

    @Test
    void aTokenIssuedInTheSecondOfTheRoleChangeCountsAsIssuedAfterIt() {
        answer.set(listing("{\"sessions\": [], \"users\": [{\"uid\": \"u1\", \"notBefore\": \"" + CHANGED_AT + "\"}]}"));
        revoked.refresh().block();

        // iat has whole seconds: 08:00:00 is the token the refresh right after the change issued
        assertThat(revoked.isRevoked(token("s1", "u1", Instant.parse("2026-11-27T07:59:59Z")))).isTrue();
        assertThat(revoked.isRevoked(token("s1", "u1", Instant.parse("2026-11-27T08:00:00Z")))).isFalse();
        assertThat(revoked.isRevoked(token("s1", "u2", Instant.parse("2026-11-27T07:59:59Z")))).isFalse();
    }

    @Test
    void keepsTheLastListWhileAuthServiceCannotBeReachedAndShowsItsAge() {
        answer.set(listing("{\"sessions\": [{\"sid\": \"s1\", \"revokedAt\": \"" + CHANGED_AT + "\"}], \"users\": []}"));
        revoked.refresh().block();
        assertThat(revoked.isRevoked(token("s1", "u1", CHANGED_AT))).isTrue();

        now.set(now.get().plusSeconds(20));
        answer.set(ClientResponse.create(HttpStatus.SERVICE_UNAVAILABLE).build());
        revoked.refresh().block();
        answer.set(listing("{\"unexpected\": true"));
        revoked.refresh().block();

        assertThat(revoked.isRevoked(token("s1", "u1", CHANGED_AT))).isTrue();
        assertThat(revoked.isRevoked(token("s2", "u1", CHANGED_AT))).isFalse();
        assertThat(meters.get("inetpublish.gateway.revocations.age").gauge().value()).isEqualTo(20.0);
        assertThat(meters.get("inetpublish.gateway.revocations.listed").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void hasNoAgeBeforeTheFirstFetch() {
        assertThat(meters.get("inetpublish.gateway.revocations.age").gauge().value()).isNaN();
    }
}
