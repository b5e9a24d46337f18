package io.inetpublish.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.inetpublish.common.test.security.TestJwts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Tokens with invented {@code kid}s (issue 21, item 5): each refused as a bad token (401), and together they cost
 * at most one JWKS fetch per re-read interval instead of one each; a key published later is still found.
 */
class PublishedKeysTest {

    WireMockServer auth;

    @BeforeEach
    void start() {
        auth = new WireMockServer(options().dynamicPort());
        auth.start();
        publish(new JWKSet(TestJwts.signingKey().toPublicJWK()));
    }

    void publish(JWKSet keys) {
        auth.stubFor(get(urlPathEqualTo("/api/auth/jwks")).willReturn(okJson(keys.toString())));
    }

    @AfterEach
    void stop() {
        auth.stop();
    }

    ReactiveJwtDecoder decoder(Duration minRefetch) {
        return GatewaySecurityConfiguration.remoteDecoder(new PublishedKeys(WebClient.create(),
                auth.baseUrl() + "/api/auth/jwks", Duration.ofMinutes(5), minRefetch, Clock.systemUTC()),
                TestJwts.ISSUER, TestJwts.AUDIENCE);
    }

    static String signedBy(ECKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                TestJwts.claims("ou_x", "ou_x", "ADMIN").build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    static String signedByTheTestKey() {
        return TestJwts.sign(TestJwts.claims("ou_x", "ou_x", "ADMIN").build());
    }

    static ECKey stranger() throws Exception {
        return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
    }

    @Test
    void refusesInventedKidsWithoutAFetchEach() throws Exception {
        ReactiveJwtDecoder decoder = decoder(Duration.ofSeconds(10));
        assertThat(decoder.decode(signedByTheTestKey()).block()).isNotNull();

        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> decoder.decode(signedBy(stranger())).block()).isInstanceOf(BadJwtException.class);
        }

        auth.verify(1, getRequestedFor(urlPathEqualTo("/api/auth/jwks")));
    }

    @Test
    void findsAKeyPublishedAfterTheRefetchInterval() throws Exception {
        ReactiveJwtDecoder decoder = decoder(Duration.ofMillis(300));
        assertThat(decoder.decode(signedByTheTestKey()).block()).isNotNull();
        ECKey rotated = stranger();
        publish(new JWKSet(java.util.List.of(TestJwts.signingKey().toPublicJWK(), rotated.toPublicJWK())));

        // within the interval: not re-read, refused
        assertThatThrownBy(() -> decoder.decode(signedBy(rotated)).block()).isInstanceOf(BadJwtException.class);
        Thread.sleep(400);
        assertThat(decoder.decode(signedBy(rotated)).block()).isNotNull();
        auth.verify(2, getRequestedFor(urlPathEqualTo("/api/auth/jwks")));
    }
}
