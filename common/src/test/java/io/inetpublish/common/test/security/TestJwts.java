package io.inetpublish.common.test.security;

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
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The test key pair that the processes under test trust instead of auth-service's JWKS, and access tokens signed with
 * it as auth-service issues them: {@code iss}, {@code aud}, {@code sub} (open_id), {@code name}, {@code roles},
 * {@code jti}, 15 minutes, ES256 with a {@code kid}. The one copy for the services' suites ({@link TestTokens}, which
 * adds roles and MockMvc requests) and the gateway's (its WebFlux test decoder). Only Nimbus, no Spring and no servlet:
 * the gateway takes this test-jar without common's dependencies.
 */
public final class TestJwts {

    public static final String ISSUER = "inetpublish-auth";
    public static final String AUDIENCE = "inetpublish";

    private static final ECKey KEY = newKey();

    private TestJwts() {
    }

    /** The public half of the test key, as the processes under test see it. */
    public static JWKSet publicKeys() {
        return new JWKSet(KEY.toPublicJWK());
    }

    /** The test key itself, to sign tokens with odd claims ({@link #sign}). */
    public static ECKey signingKey() {
        return KEY;
    }

    /** Valid claims for this person and roles; change what a test needs, then {@link #sign} them. */
    public static JWTClaimsSet.Builder claims(String subject, String name, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject).claim("name", name)
                .claim("roles", List.of(roles)).jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                .notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(900)));
    }

    public static String sign(JWTClaimsSet claims) {
        return sign(claims, KEY);
    }

    /** These claims signed (ES256, with its {@code kid}) by {@code key}: the test key or another. */
    public static String sign(JWTClaimsSet claims, ECKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A new P-256 signing key with a {@code kid} of its own (a key nobody trusts, unless it is the test key). */
    static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("test-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
