package io.inetpublish.build.downstream;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import feign.FeignException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.inetpublish.build.resilience.CircuitBreakers;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.web.DownstreamUnavailableException;
import io.inetpublish.common.web.FieldException;
import org.springframework.stereotype.Component;

/**
 * The other services a trigger needs, each behind its own circuit breaker. A missing release or environment is the
 * caller's mistake (400 on the field); the service being down or failing is a 503 with nothing stored.
 */
@Component
public class Downstreams {

    public static final String RELEASE_SERVICE = "release-service";
    public static final String CUSTOMER_SERVICE = "customer-service";

    /** The release as a build needs it; {@code status} is release-service's (WITHDRAWN records are not built). */
    public record Release(UUID id, String number, String title, String status, List<ComponentVersion> items) {

        public boolean withdrawn() {
            return "WITHDRAWN".equals(status);
        }
    }

    /** The environment as a test deployment needs it. */
    public record Environment(UUID id, String name, String customerName, boolean internalTest, String jenkinsTarget) {
    }

    private final ReleaseClient releases;
    private final EnvironmentClient environments;
    private final CircuitBreaker releaseBreaker;
    private final CircuitBreaker customerBreaker;

    Downstreams(ReleaseClient releases, EnvironmentClient environments, CircuitBreakers breakers) {
        this.releases = releases;
        this.environments = environments;
        this.releaseBreaker = breakers.create(RELEASE_SERVICE, config());
        this.customerBreaker = breakers.create(CUSTOMER_SERVICE, config());
    }

    private static CircuitBreakerConfig config() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(20))
                .permittedNumberOfCallsInHalfOpenState(2)
                // a 4xx is an answer, not an outage
                .ignoreException(ex -> ex instanceof FeignException fe && fe.status() >= 400 && fe.status() < 500)
                .build();
    }

    public Release release(UUID id) {
        return release(id, "releaseId");
    }

    /** The release, a missing one refused naming {@code field}. */
    public Release release(UUID id, String field) {
        ReleaseClient.ReleaseDto dto = call(RELEASE_SERVICE, releaseBreaker, () -> releases.get(id), field,
                "build.release-unknown", id);
        List<ComponentVersion> items = dto.items() == null ? List.of()
                : dto.items().stream().map(i -> new ComponentVersion(i.component(), i.version())).toList();
        return new Release(dto.id(), dto.number(), dto.title(), dto.status(), items);
    }

    public Environment environment(UUID id) {
        EnvironmentClient.EnvironmentDto dto = call(CUSTOMER_SERVICE, customerBreaker, () -> environments.get(id),
                "environmentId", "build.environment-unknown", id);
        return new Environment(dto.id(), dto.name(), dto.customerName(), dto.internalTest(), dto.jenkinsTarget());
    }

    private static <T> T call(String downstream, CircuitBreaker breaker, Supplier<T> call, String field,
            String notFound, Object... args) {
        try {
            return breaker.executeSupplier(call);
        } catch (FeignException.NotFound ex) {
            throw new FieldException(field, notFound, args);
        } catch (CallNotPermittedException | FeignException ex) {
            throw new DownstreamUnavailableException(downstream, ex);
        } catch (RuntimeException ex) {
            // connection refused, timeouts, no instance registered: all "not reachable"
            throw new DownstreamUnavailableException(downstream, ex);
        }
    }
}
