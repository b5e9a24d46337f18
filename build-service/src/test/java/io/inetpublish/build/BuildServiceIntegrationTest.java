package io.inetpublish.build;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.inetpublish.common.test.ServiceIntegrationTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The one test setup of build-service (so the suite shares ONE Spring context): the service integration test plus
 * one WireMock standing in for Jenkins, release-service and customer-service. The follower's schedule is off;
 * tests drive it step by step. Failure thresholds are small so "Jenkins stays away" ends quickly.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ServiceIntegrationTest
@Import(WireMockSupport.class)
@TestPropertySource(properties = {
        "inetpublish.builds.follow.enabled=false",
        "inetpublish.builds.follow.max-failures=3",
        "inetpublish.builds.follow.queue-missing-grace=0s",
        "inetpublish.builds.follow.unconfirmed-window=1h",
        "resilience4j.retry.instances.jenkins.wait-duration=20ms",
        "inetpublish.outside.jenkins.read-timeout=1500ms",
        "inetpublish.outside.release-service.read-timeout=1500ms",
        "inetpublish.outside.customer-service.read-timeout=1500ms",
        "inetpublish.jenkins-client.max-log-chunk-bytes=64",
        "inetpublish.bundles.directory=target/it-bundles",
        "inetpublish.bundles.retention=P30D",
        // besides the WireMock Jenkins (JENKINS_URL, allowed as the configured address): the addresses tests save
        "inetpublish.integration.allowed-hosts=127.0.0.1:9,jenkins.example:8080"
})
public @interface BuildServiceIntegrationTest {
}
