package io.inetpublish.release.outside;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inetpublish.common.outside.OutsideCall;
import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.people.PeopleDirectory;
import io.inetpublish.common.test.OutsideCallChecks;
import io.inetpublish.common.web.DownstreamUnavailableException;
import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.ReleaseItSupport;
import io.inetpublish.release.build.BuildDirectory;
import io.inetpublish.release.customer.CustomerDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * release-service's outside-call clients (README, "Outside calls") keep to their configured timeouts and breakers:
 * customer-service ({@link CustomerDirectory}), build-service ({@link BuildDirectory}) and auth-service
 * ({@link PeopleDirectory}, people and approvers).
 */
@ReleaseIntegrationTest
class OutsideCallsIT extends ReleaseItSupport {

    @Autowired
    OutsideCalls outside;

    @Autowired
    CustomerDirectory customers;

    @Autowired
    BuildDirectory builds;

    @Autowired
    PeopleDirectory people;

    WireMockServer server() {
        return customerService.server();
    }

    /**
     * Each test starts and ends with closed breakers that have counted nothing: the context is shared with other
     * suites, whose stubs answer some of these calls with 500s (counted failures the "is an answer, not a failure"
     * tests would see), and an open breaker left here would refuse their calls.
     */
    @BeforeEach
    @AfterEach
    void closeTheBreakers() {
        outside.get(CustomerDirectory.BREAKER).breaker().reset();
        outside.get(BuildDirectory.BREAKER).breaker().reset();
        outside.get(PeopleDirectory.AUTH_SERVICE).breaker().reset();
        outside.get(PeopleDirectory.APPROVERS).breaker().reset();
    }

    @Nested
    class CustomerServiceFromCustomerDirectory {

        OutsideCall call() {
            return outside.get(CustomerDirectory.BREAKER);
        }

        @Test
        void aSlowAnswerEndsAtTheReadTimeoutAs503() {
            String component = unique("slow");
            server().stubFor(get(urlPathEqualTo("/api/components/" + component)).willReturn(okJson(
                    "{\"name\":\"" + component + "\"}")
                    .withFixedDelay(OutsideCallChecks.beyondReadTimeoutMillis(call()))));

            assertThat(OutsideCallChecks.failsAtReadTimeout(call(), () -> customers.component(component)))
                    .isInstanceOf(DownstreamUnavailableException.class);
        }

        @Test
        void theBreakerOpensAfterTheConfiguredFailuresAndThenAsksNothing() {
            String component = unique("failing");
            server().stubFor(get(urlPathEqualTo("/api/components/" + component))
                    .willReturn(aResponse().withStatus(500)));

            OutsideCallChecks.opensAfterConfiguredFailures(call(), () -> customers.component(component),
                    () -> server().countRequestsMatching(getRequestedFor(urlPathEqualTo("/api/components/"
                            + component)).build()).getCount());
        }

        @Test
        void aMissingComponentIsAnAnswerNotAFailure() {
            String component = unique("missing");
            customerService.noComponent(component);

            OutsideCallChecks.isAnAnswerNotAFailure(call(), () -> assertThat(customers.component(component)).isEmpty());
        }
    }

    @Nested
    class BuildServiceFromBuildDirectory {

        OutsideCall call() {
            return outside.get(BuildDirectory.BREAKER);
        }

        @Test
        void aSlowAnswerEndsAtTheReadTimeoutAs503() {
            UUID build = UUID.randomUUID();
            server().stubFor(get(urlPathEqualTo("/api/builds/" + build)).willReturn(okJson(
                    "{\"id\":\"" + build + "\",\"type\":\"PACKAGE\"}")
                    .withFixedDelay(OutsideCallChecks.beyondReadTimeoutMillis(call()))));

            assertThat(OutsideCallChecks.failsAtReadTimeout(call(), () -> builds.build(build)))
                    .isInstanceOf(DownstreamUnavailableException.class);
        }

        @Test
        void theBreakerOpensAfterTheConfiguredFailuresAndThenAsksNothing() {
            UUID build = UUID.randomUUID();
            server().stubFor(get(urlPathEqualTo("/api/builds/" + build)).willReturn(aResponse().withStatus(500)));

            OutsideCallChecks.opensAfterConfiguredFailures(call(), () -> builds.build(build),
                    () -> server().countRequestsMatching(getRequestedFor(urlPathEqualTo("/api/builds/" + build))
                            .build()).getCount());
        }

        @Test
        void aMissingBuildIsAnAnswerNotAFailure() {
            UUID build = UUID.randomUUID();
            server().stubFor(get(urlPathEqualTo("/api/builds/" + build)).willReturn(aResponse().withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"type\":\"https://inetpublish.io/problems/not-found\",\"status\":404}")));

            OutsideCallChecks.isAnAnswerNotAFailure(call(), () -> assertThat(builds.build(build)).isEmpty());
        }
    }

    @Nested
    class AuthServiceFromPeopleDirectory {

        @Test
        void aSlowPersonLookUpEndsAtTheReadTimeoutAs503() {
            OutsideCall call = outside.get(PeopleDirectory.AUTH_SERVICE);
            server().stubFor(get(urlPathEqualTo("/api/auth/people/ou_slow")).willReturn(okJson(
                    "{\"id\":\"ou_slow\",\"name\":\"slow\"}").withFixedDelay(
                            OutsideCallChecks.beyondReadTimeoutMillis(call))));

            assertThat(OutsideCallChecks.failsAtReadTimeout(call, () -> people.find("ou_slow")))
                    .isInstanceOf(DownstreamUnavailableException.class);
        }

        @Test
        void theBreakerOpensAfterTheConfiguredFailuresAndThenAsksNothing() {
            OutsideCall call = outside.get(PeopleDirectory.AUTH_SERVICE);
            server().stubFor(get(urlPathEqualTo("/api/auth/people/ou_failing"))
                    .willReturn(aResponse().withStatus(503)));

            OutsideCallChecks.opensAfterConfiguredFailures(call, () -> people.find("ou_failing"),
                    () -> server().countRequestsMatching(getRequestedFor(urlPathEqualTo("/api/auth/people/ou_failing"))
                            .build()).getCount());
        }

        @Test
        void someoneNobodyHasIsAnAnswerNotAFailure() {
            OutsideCall call = outside.get(PeopleDirectory.AUTH_SERVICE);
            server().stubFor(get(urlPathEqualTo("/api/auth/people/ou_nobody")).willReturn(aResponse().withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"type\":\"https://inetpublish.io/problems/not-found\",\"status\":404}")));

            OutsideCallChecks.isAnAnswerNotAFailure(call, () -> assertThat(people.find("ou_nobody")).isEmpty());
        }

        @Test
        void approversAnswerWithinTheirShortReadTimeoutAndOpenTheirOwnBreaker() {
            OutsideCall call = outside.get(PeopleDirectory.APPROVERS);
            // a Feishu card callback waits for this look-up and is answered within 3 s
            assertThat(call.connectTimeout().plus(call.readTimeout())).isLessThan(Duration.ofSeconds(3));
            server().stubFor(post(urlPathEqualTo("/internal/people/approvers")).willReturn(okJson("[]")
                    .withFixedDelay(OutsideCallChecks.beyondReadTimeoutMillis(call))));
            assertThat(OutsideCallChecks.failsAtReadTimeout(call, () -> people.approvers(List.of("ADMIN"), List.of())))
                    .isInstanceOf(DownstreamUnavailableException.class);

            server().stubFor(post(urlPathEqualTo("/internal/people/approvers"))
                    .willReturn(aResponse().withStatus(500)));
            OutsideCallChecks.opensAfterConfiguredFailures(call, () -> people.approvers(List.of("ADMIN"), List.of()),
                    () -> server().countRequestsMatching(postRequestedFor(urlPathEqualTo(
                            "/internal/people/approvers")).build()).getCount());
        }
    }
}
