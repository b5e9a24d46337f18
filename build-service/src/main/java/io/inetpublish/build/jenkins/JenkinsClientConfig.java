package io.inetpublish.build.jenkins;

import java.net.http.HttpClient;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.inetpublish.build.resilience.CircuitBreakers;
import io.inetpublish.common.net.IntegrationHosts;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The Jenkins HTTP client with explicit timeouts and its Resilience4j instances, all named {@code jenkins}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JenkinsClientProperties.class)
class JenkinsClientConfig {

    static final String INSTANCE = "jenkins";

    @Bean
    JenkinsClient jenkinsClient(JenkinsClientProperties props, CircuitBreakers breakers,
            MeterRegistry meters, IntegrationHosts hosts) {
        // HTTP/1.1 as Jenkins speaks it (Winstone serves HTTP/2 only on its own port): the JDK client's default
        // h2c upgrade on a plain-http Jenkins made large artifact streams fail half-way behind some servers
        HttpClient httpClient = HttpClient.newBuilder().connectTimeout(props.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(props.readTimeout());
        RestClient http = RestClient.builder().requestFactory(requestFactory).build();

        CircuitBreaker circuitBreaker = breakers.create(INSTANCE, CircuitBreakerConfig.custom()
                .failureRateThreshold(props.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(props.slidingWindowSize())
                .minimumNumberOfCalls(props.minimumNumberOfCalls())
                .waitDurationInOpenState(props.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(2)
                // Jenkins answering "no" (401, 404, ...) is not Jenkins being down
                .ignoreExceptions(JenkinsRejectedException.class)
                .build());

        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(props.retryMaxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(props.retryWait(), 2.0))
                .retryExceptions(JenkinsUnavailableException.class)
                .build());
        Retry retry = retries.retry(INSTANCE);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);

        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(props.maxConcurrentCalls())
                .maxWaitDuration(java.time.Duration.ofMillis(200))
                .build());
        Bulkhead bulkhead = bulkheads.bulkhead(INSTANCE);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);

        return new JenkinsClient(http, circuitBreaker, retry, bulkhead, meters, props.maxLogChunkBytes(), hosts);
    }
}
