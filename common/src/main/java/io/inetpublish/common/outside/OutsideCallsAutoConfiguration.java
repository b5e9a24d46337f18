package io.inetpublish.common.outside;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link OutsideCalls} on the registries Resilience4j's Spring Boot support fills from {@code resilience4j.*} in
 * YAML (which also exports their metrics: {@code resilience4j_circuitbreaker_*}, {@code resilience4j_retry_*},
 * {@code resilience4j_bulkhead_*}). A service's Feign clients take their timeouts from their outside calls through
 * {@code @EnableFeignClients(defaultConfiguration = OutsideFeignTimeouts.class)}.
 */
@AutoConfiguration(afterName = {
        "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
        "io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration",
        "io.github.resilience4j.springboot3.bulkhead.autoconfigure.BulkheadAutoConfiguration" })
@ConditionalOnBean({ CircuitBreakerRegistry.class, RetryRegistry.class, BulkheadRegistry.class })
public class OutsideCallsAutoConfiguration {

    @Bean
    OutsideCalls outsideCalls(CircuitBreakerRegistry breakers, RetryRegistry retries, BulkheadRegistry bulkheads,
            Environment environment) {
        return new OutsideCalls(breakers, retries, bulkheads, environment);
    }
}
