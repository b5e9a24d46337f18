package io.inetpublish.gateway.security;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Flux;

/**
 * Access tokens for gateway tests, signed with a test key the gateway under test trusts instead of auth-service's
 * JWKS (validation otherwise as in production), like the services' {@code TestTokens}.
 */
public final class GatewayTestTokens {

    public static final String ISSUER = "inetpublish-auth";
    public static final String AUDIENCE = "inetpublish";

    private static final ECKey KEY = generate();

    private GatewayTestTokens() {
    }

    public static ECKey signingKey() {
        return KEY;
    }

    public static JWTClaimsSet.Builder claims(String subject, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject).claim("name", subject)
                .claim("roles", List.of(roles)).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(900)));
    }

    public static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(KEY.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A valid token for one hour (gateway suites are short). */
    public static String admin() {
        Instant now = Instant.now();
        return sign(claims("anonymous", "ADMIN").expirationTime(Date.from(now.plusSeconds(3600))).build());
    }

    /** The production validation with the test key in place of auth-service's JWKS. */
    static ReactiveJwtDecoder decoder() {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> Flux.just(KEY.toPublicJWK())).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        decoder.setJwtValidator(GatewaySecurityConfiguration.validator(ISSUER, AUDIENCE));
        return decoder;
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("gateway-test-" + UUID.randomUUID()).generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
