package io.inetpublish.common.security;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;

/**
 * Spring Cloud CircuitBreaker runs a call with a time limiter on a thread of its own. Without this, the person's
 * security context stays behind on the request thread, the Feign interceptor has no token to pass on, and the
 * downstream service answers 401 (seen as "customer-service is not reachable"). The breaker's threads get the
 * caller's context for the duration of the call.
 */
@AutoConfiguration
@ConditionalOnClass(Resilience4JCircuitBreakerFactory.class)
public class CircuitBreakerSecurityAutoConfiguration {

    @Bean
    Customizer<Resilience4JCircuitBreakerFactory> securityContextOnCircuitBreakerThreads() {
        return factory -> {
            factory.configureExecutorService(withSecurityContext("circuit-breaker-"));
            factory.configureGroupExecutorService(group -> withSecurityContext("circuit-breaker-" + group + "-"));
        };
    }

    private static ExecutorService withSecurityContext(String threadPrefix) {
        return new DelegatingSecurityContextExecutorService(
                Executors.newCachedThreadPool(new CustomizableThreadFactory(threadPrefix)));
    }
}
