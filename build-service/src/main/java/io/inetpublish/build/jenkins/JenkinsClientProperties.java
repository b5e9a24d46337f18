package io.inetpublish.build.jenkins;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timeouts and the Resilience4j instance {@code jenkins}. Jenkins is slow under load, so the read timeout is
 * generous; retries apply only to read-only calls, never to a trigger.
 */
@ConfigurationProperties("inetpublish.jenkins-client")
record JenkinsClientProperties(
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("3") int retryMaxAttempts,
        @DefaultValue("500ms") Duration retryWait,
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("10") int slidingWindowSize,
        @DefaultValue("5") int minimumNumberOfCalls,
        @DefaultValue("30s") Duration waitInOpenState,
        @DefaultValue("10") int maxConcurrentCalls,
        @DefaultValue("1048576") int maxLogChunkBytes) {
}
