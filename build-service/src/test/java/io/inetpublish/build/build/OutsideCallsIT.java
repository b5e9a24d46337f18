package io.inetpublish.build.build;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.github.resilience4j.retry.RetryRegistry;
import io.inetpublish.build.WireMockSupport;
import io.inetpublish.build.downstream.Downstreams;
import io.inetpublish.build.jenkins.JenkinsClient;
import io.inetpublish.build.jenkins.JenkinsUnavailableException;
import io.inetpublish.build.settings.JenkinsConnection;
import io.inetpublish.common.outside.OutsideCall;
import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.test.OutsideCallChecks;
import io.inetpublish.common.web.DownstreamUnavailableException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * build-service's outside-call clients (README, "Outside calls") keep to their configured timeouts and breakers:
 * Jenkins ({@link JenkinsClient}), release-service and customer-service ({@link Downstreams}).
 */
class OutsideCallsIT extends JenkinsStubs {

    @Autowired
    OutsideCalls outside;

    @Autowired
    JenkinsClient jenkins;

    @Autowired
    Downstreams downstreams;

    @Autowired
    RetryRegistry retries;

    @Nested
    class Jenkins {

        OutsideCall call() {
            return outside.get("jenkins");
        }

        JenkinsConnection connection() {
            return new JenkinsConnection(WireMockSupport.jenkinsUrl(), USER, TOKEN, deployJob, packageJob,
                    "RELEASE_NUMBER", "COMPONENTS", "TARGET_ENV", Instant.now(), new PersonRef("ou_it", "it"));
        }

        @Test
        void aSlowAnswerEndsAtTheReadTimeout() {
            wm.stubFor(post(urlEqualTo(jobUrl(packageJob) + "/7/stop")).willReturn(aResponse().withStatus(302)
                    .withFixedDelay(OutsideCallChecks.beyondReadTimeoutMillis(call()))));

            assertThat(OutsideCallChecks.failsAtReadTimeout(call(), () -> jenkins.stop(connection(), packageJob, 7)))
                    .isInstanceOf(JenkinsUnavailableException.class);
        }

        @Test
        void theBreakerOpensAfterTheConfiguredFailuresAndThenSendsNothing() {
            wm.stubFor(post(urlEqualTo(jobUrl(packageJob) + "/8/stop"))
                    .willReturn(aResponse().withStatus(503).withBody("Jenkins is restarting")));

            OutsideCallChecks.opensAfterConfiguredFailures(call(), () -> jenkins.stop(connection(), packageJob, 8),
                    () -> wm.countRequestsMatching(postRequestedFor(urlEqualTo(jobUrl(packageJob) + "/8/stop"))
                            .build()).getCount());
        }

        @Test
        void aReadIsRetriedAsConfiguredAndATriggerIsNot() {
            wm.stubFor(get(urlEqualTo("/jenkins/queue/item/77/api/json"))
                    .willReturn(aResponse().withStatus(503).withBody("Jenkins is restarting")));
            wm.stubFor(post(urlPathEqualTo(jobUrl(packageJob) + "/buildWithParameters"))
                    .willReturn(aResponse().withStatus(503).withBody("Jenkins is restarting")));
            int attempts = retries.retry("jenkins").getRetryConfig().getMaxAttempts();
            assertThat(attempts).isGreaterThan(1);

            try {
                jenkins.queueItem(connection(), 77);
            } catch (JenkinsUnavailableException expected) {
                // after the configured attempts
            }
            try {
                jenkins.trigger(connection(), packageJob, Map.of("RELEASE_NUMBER", "R-1"));
            } catch (JenkinsUnavailableException expected) {
                // sent once
            }

            wm.verify(attempts, getRequestedFor(urlEqualTo("/jenkins/queue/item/77/api/json")));
            wm.verify(1, postRequestedFor(urlPathEqualTo(jobUrl(packageJob) + "/buildWithParameters")));
        }
    }

    /** A downstream service answering later than its read timeout: 503, nothing else happens. */
    void aSlowServiceIsA503AtTheReadTimeout(String instance, String path, ThrowingCallable request) {
        OutsideCall call = outside.get(instance);
        wm.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{}")
                .withFixedDelay(OutsideCallChecks.beyondReadTimeoutMillis(call))));

        assertThat(OutsideCallChecks.failsAtReadTimeout(call, request))
                .isInstanceOf(DownstreamUnavailableException.class);
    }

    /** A downstream service failing: its breaker opens as configured and then nothing is asked. */
    void aFailingServiceOpensItsBreaker(String instance, String path, Runnable request) {
        wm.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(500)));

        OutsideCallChecks.opensAfterConfiguredFailures(outside.get(instance), request,
                () -> wm.countRequestsMatching(getRequestedFor(urlPathEqualTo(path)).build()).getCount());
    }

    @Nested
    class ReleaseService {

        @Test
        void aSlowAnswerEndsAtTheReadTimeoutAs503() {
            UUID id = UUID.randomUUID();
            aSlowServiceIsA503AtTheReadTimeout(Downstreams.RELEASE_SERVICE, "/api/releases/" + id,
                    () -> downstreams.release(id));
        }

        @Test
        void theBreakerOpensAfterTheConfiguredFailuresAndThenAsksNothing() {
            UUID id = UUID.randomUUID();
            aFailingServiceOpensItsBreaker(Downstreams.RELEASE_SERVICE, "/api/releases/" + id,
                    () -> downstreams.release(id));
        }
    }

    @Nested
    class CustomerService {

        @Test
        void aSlowAnswerEndsAtTheReadTimeoutAs503() {
            UUID id = UUID.randomUUID();
            aSlowServiceIsA503AtTheReadTimeout(Downstreams.CUSTOMER_SERVICE, "/api/environments/" + id,
                    () -> downstreams.environment(id));
        }

        @Test
        void theBreakerOpensAfterTheConfiguredFailuresAndThenAsksNothing() {
            UUID id = UUID.randomUUID();
            aFailingServiceOpensItsBreaker(Downstreams.CUSTOMER_SERVICE, "/api/environments/" + id,
                    () -> downstreams.environment(id));
        }
    }
}
