package io.inetpublish.customer.outside;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetpublish.common.outside.OutsideCall;
import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.people.PeopleDirectory;
import io.inetpublish.common.test.OutsideCallChecks;
import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.common.web.DownstreamUnavailableException;
import io.inetpublish.customer.support.AuthServiceStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * customer-service's one outside call (README, "Outside calls"): auth-service through {@link PeopleDirectory}, with
 * this service's own timeouts and breaker from its {@code application.yml} (production's 5 s read timeout here).
 */
@ServiceIntegrationTest
class OutsideCallsIT {

    @Autowired
    OutsideCalls outside;

    @Autowired
    PeopleDirectory people;

    OutsideCall call() {
        return outside.get(PeopleDirectory.AUTH_SERVICE);
    }

    @AfterEach
    void closeTheBreaker() {
        call().breaker().reset();
    }

    @Test
    void aSlowPersonLookUpEndsAtTheReadTimeoutAs503() {
        AuthServiceStub.server().stubFor(get(urlPathEqualTo("/api/auth/people/ou_slow_customer")).willReturn(okJson(
                "{\"id\":\"ou_slow_customer\",\"name\":\"slow\"}")
                .withFixedDelay(OutsideCallChecks.beyondReadTimeoutMillis(call()))));

        assertThat(OutsideCallChecks.failsAtReadTimeout(call(), () -> people.find("ou_slow_customer")))
                .isInstanceOf(DownstreamUnavailableException.class);
    }

    @Test
    void theBreakerOpensAfterTheConfiguredFailuresAndThenAsksNothing() {
        AuthServiceStub.server().stubFor(get(urlPathEqualTo("/api/auth/people/ou_failing_customer"))
                .willReturn(aResponse().withStatus(503)));

        OutsideCallChecks.opensAfterConfiguredFailures(call(), () -> people.find("ou_failing_customer"),
                () -> AuthServiceStub.server().countRequestsMatching(getRequestedFor(urlPathEqualTo(
                        "/api/auth/people/ou_failing_customer")).build()).getCount());
    }
}
