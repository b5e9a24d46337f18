package io.inetpublish.release.release;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.security.TestTokens;
import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.ReleaseItSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The catalog check runs inside the outside call's circuit breaker; the person's token must still reach
 * customer-service, which refuses calls without one.
 */
@ReleaseIntegrationTest
class CallerTokenIT extends ReleaseItSupport {

    @Test
    void passesTheSubmittersTokenToCustomerService() {
        String component = unique("token-check");
        String token = TestTokens.accessToken(Role.DEVELOPER);

        assertThat(mvc.post().uri("/api/releases").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content(releaseBody("token check", "T-1", component)))
                .hasStatus(HttpStatus.CREATED);

        customerService.server().verify(getRequestedFor(urlPathEqualTo("/api/components/" + component))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + token)));
    }
}
