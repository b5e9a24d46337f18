package io.inetpublish.build.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The circuit breakers of this service, one named instance per downstream ({@code jenkins}, {@code release-service},
 * {@code customer-service}), configured explicitly in code and exported as Micrometer metrics.
 */
@Component
public class CircuitBreakers {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();

    CircuitBreakers(MeterRegistry meters) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    public CircuitBreaker create(String name, CircuitBreakerConfig config) {
        return registry.circuitBreaker(name, config);
    }

    public CircuitBreaker get(String name) {
        return registry.find(name).orElseThrow(() -> new IllegalArgumentException("no circuit breaker " + name));
    }
}
