package io.inetpublish.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

/** The gateway's token reading answers as Spring Security's converter does, on every kind of Authorization header. */
class BearerTokensTest {

    static final String JWT = "eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1MSIsImF1ZCI6WyJpbmV0cHVibGlzaCJdfQ"
            + ".MEUCIQC-abc_def~ghi+jkl/mno";

    static Stream<String> headers() {
        return Stream.of(null, "", "Bearer " + JWT, "bearer " + JWT, "BEARER " + JWT, "BeArEr " + JWT,
                "Bearer abc==", "Bearer abc=", "Bearer =", "Bearer ==abc", "Bearer abc=d", "Bearer ", "Bearer",
                "Bearer  " + JWT, "Bearer " + JWT + " ", "Bearer\t" + JWT, "Bearer " + JWT + "\n",
                "Bearer a b", "Bearer a,b", "Bearer a%2Fb", "Bearer ä", "Bearer a\u0000", "Bearerabc", "Bearer:abc",
                "Basic dXNlcjpwYXNz", "Token abc", "Bear abc", "bearer", "Bearer -._~+/", "Bearer 0",
                "Bearer " + "x".repeat(5000));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void readsTheTokenAsSpringSecurityDoes(String header) {
        assertThat(outcome(new BearerTokens(), header)).isEqualTo(outcome(new ServerBearerTokenAuthenticationConverter(), header));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void aWellFormedTokenIsReadWhole(String header) {
        String outcome = outcome(new BearerTokens(), header);
        if (header != null && header.equals("Bearer " + JWT)) {
            assertThat(outcome).isEqualTo("token " + JWT);
        }
    }

    /** "none", "token X" or "error: <OAuth2 error code>: <description>" */
    static String outcome(ServerAuthenticationConverter converter, String header) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/customers");
        if (header != null) {
            request.header("Authorization", header);
        }
        try {
            Optional<Authentication> read = converter.convert(MockServerWebExchange.from(request)).blockOptional();
            return read.map(a -> "token " + ((BearerTokenAuthenticationToken) a).getToken()).orElse("none");
        } catch (OAuth2AuthenticationException e) {
            return "error: " + e.getError().getErrorCode() + ": " + e.getError().getDescription();
        }
    }
}
