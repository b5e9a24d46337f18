package io.inetpublish.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/** Which calls the gateway lets through without a token, and that the rest of /api/** needs one. */
class GatewayAccessTest {

    @ParameterizedTest
    @CsvSource({
            "GET, /api/auth/login, false", "GET, /api/auth/callback, false", "GET, /api/auth/jwks, false",
            "GET, /api/auth/.well-known/jwks.json, false", "POST, /api/auth/refresh, false",
            "POST, /api/auth/token, false", "GET, /api/builds/downloads/abc123, false",
            "HEAD, /api/builds/downloads/abc123, true", "GET, /api/builds/downloads/abc/artifact, true",
            "GET, /api/builds/downloads, true", "POST, /api/approvals/feishu/card-callback, false",
            "GET, /api/approvals/feishu/card-callback, true", "POST, /api/approvals/1/approve, true",
            "POST, /api/auth/login, true", "GET, /api/auth/refresh, true", "GET, /api/auth/token, true",
            "GET, /api/auth/login/more, true", "GET, /api/auth/me, true", "GET, /api/customers, true",
            "DELETE, /api/customers/7, true", "GET, /api, true", "GET, /api/, true",
            "GET, /, false", "GET, /releases/42, false", "GET, /assets/app.js, false", "GET, /api-docs/, false",
            "GET, /apix, false", "GET, /API/customers, false"
    })
    void needsATokenFor(String method, String path, boolean needed) {
        var request = MockServerHttpRequest.method(HttpMethod.valueOf(method), path).build();
        assertThat(GatewayAccess.needsAuthentication(request)).isEqualTo(needed);
        assertThat(granted(method, path, null)).isEqualTo(!needed);
        assertThat(granted(method, path, new AnonymousAuthenticationToken("key", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).isEqualTo(!needed);
        TestingAuthenticationToken person = new TestingAuthenticationToken("u1", null, List.of());
        person.setAuthenticated(true);
        assertThat(granted(method, path, person)).isTrue();
        TestingAuthenticationToken notAuthenticated = new TestingAuthenticationToken("u1", null, List.of());
        notAuthenticated.setAuthenticated(false);
        assertThat(granted(method, path, notAuthenticated)).isEqualTo(!needed);
    }

    static boolean granted(String method, String path, Authentication authentication) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.valueOf(method), path));
        return new GatewayAccess().authorize(Mono.justOrEmpty(authentication), new AuthorizationContext(exchange))
                .blockOptional().orElseThrow().isGranted();
    }
}
