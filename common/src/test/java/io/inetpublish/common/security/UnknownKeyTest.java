package io.inetpublish.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.SignedJWT;
import io.inetpublish.common.test.security.TestTokens;
import io.inetpublish.common.test.LocalHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Tokens naming a {@code kid} auth-service never published (issue 21, item 5): each is refused as an invalid token
 * (the 401 path of Spring Security, not the 500 of an authentication-service error), and they do not make the
 * service fetch the JWKS once per token. Runs against a real HTTP JWKS endpoint with the production key source.
 */
class UnknownKeyTest {

    LocalHttpServer jwks;
    AtomicInteger fetches = new AtomicInteger();
    JwtDecoder decoder;

    @BeforeEach
    void serveJwks() throws Exception {
        jwks = LocalHttpServer.start().route("/api/auth/jwks", exchange -> {
            fetches.incrementAndGet();
            LocalHttpServer.answer(exchange, 200, TestTokens.publicKeys().toString());
        });
        var url = jwks.uri("/api/auth/jwks").toURL();
        decoder = PlatformJwt.decoder(CommonSecurityAutoConfiguration.ResourceServer.remoteKeys(url,
                new DefaultResourceRetriever(2_000, 3_000, 256 * 1024)), TestTokens.ISSUER, TestTokens.AUDIENCE);
    }

    @AfterEach
    void stop() {
        jwks.close();
    }

    static String withUnknownKid() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(stranger.getKeyID()).build(),
                TestTokens.claims("ou_x", "x", Role.ADMIN).build());
        jwt.sign(new ECDSASigner(stranger));
        return jwt.serialize();
    }

    @Test
    void refusesEachAsAnInvalidTokenWithoutAFetchPerToken() throws Exception {
        var provider = new JwtAuthenticationProvider(decoder);
        assertThat(provider.authenticate(new BearerTokenAuthenticationToken(TestTokens.accessToken(Role.VIEWER)))
                .isAuthenticated()).isTrue();

        for (int i = 0; i < 50; i++) {
            String token = withUnknownKid();
            assertThatThrownBy(() -> provider.authenticate(new BearerTokenAuthenticationToken(token)))
                    .isInstanceOf(InvalidBearerTokenException.class);
        }
        // the first read, and at most one re-read for the unknown kids within the rate-limit period
        assertThat(fetches.get()).isLessThanOrEqualTo(2);

        // the known key still works after all that
        assertThat(provider.authenticate(new BearerTokenAuthenticationToken(TestTokens.accessToken(Role.ADMIN)))
                .isAuthenticated()).isTrue();
    }

    @Test
    void beforeTheKeysWereEverReadEveryTokenIsAKeySourceFailureNotAnInvalidToken() throws Exception {
        jwks.close();
        jwks = LocalHttpServer.start().route("/api/auth/jwks", exchange -> {
            fetches.incrementAndGet();
            LocalHttpServer.answer(exchange, 503, "{}");
        });
        var url = jwks.uri("/api/auth/jwks").toURL();
        var provider = new JwtAuthenticationProvider(PlatformJwt.decoder(CommonSecurityAutoConfiguration.ResourceServer
                .remoteKeys(url, new DefaultResourceRetriever(2_000, 3_000, 256 * 1024)), TestTokens.ISSUER,
                TestTokens.AUDIENCE));

        // the reads fail, then the rate limit stops further reads: all the same to the person (503, try again), never
        // the 401 of a bad token, which would send them to log in again
        for (int i = 0; i < 5; i++) {
            String token = TestTokens.accessToken(Role.VIEWER);
            assertThatThrownBy(() -> provider.authenticate(new BearerTokenAuthenticationToken(token)))
                    .isInstanceOf(AuthenticationServiceException.class);
        }
        assertThat(fetches.get()).isLessThanOrEqualTo(2);
    }
}
