package io.inetpublish.common.outside;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The one way a service calls outside (README, "Outside calls"): every client class asks here for its named
 * {@link OutsideCall}. An instance {@code NAME} is configured in the service's {@code application.yml}:
 * <ul>
 * <li>{@code inetpublish.outside.NAME.connect-timeout} and {@code read-timeout}: the HTTP timeouts (required);</li>
 * <li>{@code resilience4j.circuitbreaker.instances.NAME} (required; the shared settings of a downstream are a
 * {@code base-config} in common's {@code inetpublish-defaults.yml});</li>
 * <li>{@code resilience4j.retry.instances.NAME} (only where a call may be repeated) and
 * {@code resilience4j.bulkhead.instances.NAME} (where concurrent calls must be bounded).</li>
 * </ul>
 * Nothing falls back to a library default: asking for an instance without timeouts or breaker fails at start.
 */
public class OutsideCalls {

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final BulkheadRegistry bulkheads;
    private final Binder binder;
    private final Map<String, OutsideCall> calls = new ConcurrentHashMap<>();

    public OutsideCalls(CircuitBreakerRegistry breakers, RetryRegistry retries, BulkheadRegistry bulkheads,
            Environment environment) {
        this.breakers = breakers;
        this.retries = retries;
        this.bulkheads = bulkheads;
        this.binder = Binder.get(environment);
    }

    /**
     * The configured instance {@code name}.
     *
     * @throws IllegalStateException its timeouts or its circuit breaker are not configured
     */
    public OutsideCall get(String name) {
        return calls.computeIfAbsent(name, this::create);
    }

    private OutsideCall create(String name) {
        String prefix = "inetpublish.outside." + name;
        Duration connect = binder.bind(prefix + ".connect-timeout", Duration.class)
                .orElseThrow(() -> missing(prefix + ".connect-timeout"));
        Duration read = binder.bind(prefix + ".read-timeout", Duration.class)
                .orElseThrow(() -> missing(prefix + ".read-timeout"));
        CircuitBreaker breaker = breakers.find(name)
                .orElseThrow(() -> missing("resilience4j.circuitbreaker.instances." + name));
        Retry retry = retries.find(name).orElse(null);
        Bulkhead bulkhead = bulkheads.find(name).orElse(null);
        return new OutsideCall(name, connect, read, breaker, retry, bulkhead);
    }

    private static IllegalStateException missing(String property) {
        return new IllegalStateException(property + " is not configured: every outside call has explicit settings "
                + "(README, \"Outside calls\")");
    }
}
