package io.inetpublish.common.test.security;

import java.util.Arrays;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import io.inetpublish.common.security.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Access tokens for integration tests, signed with the test key ({@link TestJwts}) that the services under test trust
 * instead of auth-service's JWKS ({@link TestSecurity}). Every request of a {@code @ServiceIntegrationTest} carries an
 * ADMIN token of the operator {@value #DEFAULT_SUBJECT} unless it sets its own {@code Authorization} header or opts out:
 * <pre>{@code
 * mvc.post().uri("/api/customers").with(TestTokens.bearer(Role.VIEWER))      // another role
 * mvc.get().uri("/api/customers").with(TestTokens.bearer("ou_x", "张三", Role.SUPPORT)) // another person
 * mvc.get().uri("/api/customers").with(TestTokens.none())                    // no token at all
 * }</pre>
 * The claims match what auth-service issues ({@link TestJwts#claims}).
 */
public final class TestTokens {

    public static final String ISSUER = TestJwts.ISSUER;
    public static final String AUDIENCE = TestJwts.AUDIENCE;
    /** The operator of requests that do not say otherwise (the name tests used before tokens were enforced). */
    public static final String DEFAULT_SUBJECT = "anonymous";
    public static final String DEFAULT_NAME = "anonymous";
    /** Request attribute set by {@link #none()}: the default token is not added. */
    public static final String NO_DEFAULT_TOKEN = TestTokens.class.getName() + ".none";

    private TestTokens() {
    }

    /** The public half of the test key, as the services under test see it. */
    public static JWKSet publicKeys() {
        return TestJwts.publicKeys();
    }

    /** The test key itself, to sign tokens with odd claims ({@link #sign}). */
    public static ECKey signingKey() {
        return TestJwts.signingKey();
    }

    /** Valid claims for this person and roles; change what a test needs, then {@link #sign} them. */
    public static JWTClaimsSet.Builder claims(String subject, String name, Role... roles) {
        return TestJwts.claims(subject, name, Arrays.stream(roles).map(Role::name).toArray(String[]::new));
    }

    public static String sign(JWTClaimsSet claims) {
        return TestJwts.sign(claims);
    }

    public static String accessToken(Role... roles) {
        return accessToken(DEFAULT_SUBJECT, DEFAULT_NAME, roles);
    }

    public static String accessToken(String subject, String name, Role... roles) {
        return sign(claims(subject, name, roles).build());
    }

    /** The request carries a token of the default operator with these roles. */
    public static RequestPostProcessor bearer(Role... roles) {
        return bearerToken(accessToken(roles));
    }

    /** The request carries a token of this person (open_id, name) with these roles. */
    public static RequestPostProcessor bearer(String subject, String name, Role... roles) {
        return bearerToken(accessToken(subject, name, roles));
    }

    /** The request carries exactly this token (e.g. a forged or expired one). */
    public static RequestPostProcessor bearerToken(String token) {
        return request -> {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            return request;
        };
    }

    /** The request carries no token at all. */
    public static RequestPostProcessor none() {
        return request -> {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            request.setAttribute(NO_DEFAULT_TOKEN, Boolean.TRUE);
            return request;
        };
    }
}
