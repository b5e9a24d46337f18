package io.inetpublish.gateway.security;

import java.time.Instant;
import java.util.Date;

import io.inetpublish.common.test.EveryTestContext;
import io.inetpublish.common.test.security.TestJwts;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.MergedContextConfiguration;
import reactor.core.publisher.Flux;

/**
 * Every gateway test context trusts the test key the services' suites trust too (common's {@link TestJwts}) instead of
 * auth-service's JWKS, validating otherwise as in production, and its auto-configured {@code WebTestClient} sends an
 * ADMIN token unless a request sets its own {@code Authorization}. A test that needs no token builds its own client
 * (see {@code GatewaySecurityIT}). Registered in {@code META-INF/spring.factories} of the test resources.
 */
public class TestTokenContextCustomizerFactory extends EveryTestContext {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        var beans = context.getBeanFactory();
        beans.registerSingleton("testReactiveJwtDecoder", decoder());
        WebTestClientBuilderCustomizer defaultToken = builder -> builder
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + admin());
        beans.registerSingleton("testDefaultToken", defaultToken);
    }

    /** The production validation with the test key in place of auth-service's JWKS. */
    private static ReactiveJwtDecoder decoder() {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> Flux.just(TestJwts.signingKey().toPublicJWK()))
                .jwsAlgorithm(SignatureAlgorithm.ES256).build();
        decoder.setJwtValidator(GatewaySecurityConfiguration.validator(TestJwts.ISSUER, TestJwts.AUDIENCE));
        return decoder;
    }

    /** A valid ADMIN token for one hour (gateway suites are short). */
    private static String admin() {
        return TestJwts.sign(TestJwts.claims("anonymous", "anonymous", "ADMIN")
                .expirationTime(Date.from(Instant.now().plusSeconds(3600))).build());
    }
}
