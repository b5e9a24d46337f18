package io.inetpublish.gateway.web;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.inetpublish.loadbalancing.UnreachableInstances;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A hung or dead instance does not hang the gateway (issue 21, item 6):
 * <ul>
 * <li>reads ({@code GET}, {@code HEAD}) wait at most {@code GATEWAY_READ_TIMEOUT} for an answer (writes keep the
 * general response timeout; a route with a timeout of its own keeps that: {@code build-streams}, build-service's console
 * logs and downloads, {@code GATEWAY_BUILD_RESPONSE_TIMEOUT_MS});</li>
 * <li>a read that times out or cannot connect is tried once more, on another instance than the first try's whenever
 * the service has another (the exchange notes the instances it went to, {@link UnreachableInstances#TRIED}, and its
 * load balancer leaves them out for it), not one that carries a body, which cannot be sent twice;</li>
 * <li>any other request (a write) whose instance was not reached at all - the connection refused, no route, no
 * connection within the connect timeout ({@link UnreachableInstances#notReached}) - is tried once more, on another
 * instance: nothing of it was sent, so the service cannot have acted on it. Only while its body has not been taken
 * for sending: the body (an upload can have 210 MB) is streamed, never kept for a second try, so once the first try
 * has begun to read it the request is not sent again. A write that failed after it was sent (reset, closed, timed out)
 * is never sent again: it may have been applied ({@link #sendUnlessSent});</li>
 * <li>the instance that did not answer is left out of the load balancing for a while ({@link UnreachableInstances}),
 * so that the next request, a write included, goes to one that answers; when every instance is out, to the one that
 * failed longest ago (a hung instance keeps failing, the others do not);</li>
 * <li>a circuit breaker per route: when most of its recent requests timed out or could not connect, the route
 * answers 503 at once for {@code GATEWAY_CIRCUIT_OPEN_FOR}, then lets a few requests try again.</li>
 * </ul>
 * Errors answers of the services themselves (a 503 they send, say) count as answers: only the gateway's own failure
 * to get one opens the breaker. The 503 and 504 are problem details ({@link GatewayErrorHandler}).
 */
@Component
class HungInstanceGuard implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(HungInstanceGuard.class);

    private final long readTimeoutMillis;
    private final CircuitBreakerRegistry breakers;
    private final GatewayFilter retryReads;
    private final UnreachableInstances unreachable;
    private final Map<String, TimedRoute> readRoutes = new ConcurrentHashMap<>();

    HungInstanceGuard(@Value("${inetpublish.gateway.read-timeout:5s}") Duration readTimeout,
            @Value("${inetpublish.gateway.circuit-breaker.open-for:10s}") Duration openFor,
            @Value("${inetpublish.gateway.circuit-breaker.minimum-calls:4}") int minimumCalls,
            MeterRegistry meters, UnreachableInstances unreachable) {
        this.unreachable = unreachable;
        this.readTimeoutMillis = readTimeout.toMillis();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(minimumCalls)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(HungInstanceGuard::instanceFailed)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        RetryGatewayFilterFactory.RetryConfig retry = new RetryGatewayFilterFactory.RetryConfig()
                .setRetries(1)
                .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                .setSeries()
                .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT)
                .setExceptions(IOException.class, TimeoutException.class);
        this.retryReads = new RetryGatewayFilterFactory().apply(retry);
    }

    /** Before the route's target is resolved, so that a retry asks the load balancer again. */
    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER - 1;
    }

    /** The instance did not answer (in time): a timeout, a refused or reset connection. */
    static boolean instanceFailed(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof IOException) {
                return true;
            }
            if (cause instanceof ResponseStatusException status
                    && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGatewayTimeout(Throwable error) {
        return error instanceof ResponseStatusException status
                && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        CircuitBreaker breaker = breakers.circuitBreaker(route.getId());
        if (!breaker.tryAcquirePermission()) {
            return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Circuit of route " + route.getId() + " is open"));
        }
        boolean read = HttpMethod.GET.equals(exchange.getRequest().getMethod())
                || HttpMethod.HEAD.equals(exchange.getRequest().getMethod());
        if (read && !route.getMetadata().containsKey(RESPONSE_TIMEOUT_ATTR)) {
            exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, withReadTimeout(route));
        }
        long start = System.nanoTime();
        // a body can be sent only once: a read that carries one (nothing of this API takes one; a service refuses it
        // early) is not tried again, else the second try fails on the body already read (500)
        Mono<Void> call = read && bodiless(exchange.getRequest().getHeaders()) ? retryReads.filter(exchange, attempt -> chain.filter(attempt)
                // the routing filter reports a timeout as a 504 status exception; the retry looks for the timeout
                .onErrorMap(HungInstanceGuard::isGatewayTimeout, error -> new TimeoutException(error.getMessage()))
                .doOnError(error -> noteFailedTry(attempt, error)))
                : sendUnlessSent(exchange, chain);
        return call
                .doOnSuccess(done -> breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS))
                .doOnError(error -> breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, error))
                .doOnCancel(breaker::releasePermission);
    }

    /**
     * A request that is not retried as a read: sent once more, to the instance the load balancer picks anew (never the
     * one it just went to, while the service has another), when the first try reached no instance and had not taken
     * any of the request's body.
     * Reactor Netty takes the body only once it has a connection, so a refused connection always leaves it untaken;
     * the check keeps the rule true whatever the order (a body is a stream of the client's bytes: taken, it is gone).
     */
    Mono<Void> sendUnlessSent(ServerWebExchange exchange, GatewayFilterChain chain) {
        AtomicBoolean bodyTaken = new AtomicBoolean();
        ServerHttpRequest watched = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().doOnSubscribe(subscription -> bodyTaken.set(true));
            }
        };
        ServerWebExchange attempt = exchange.mutate().request(watched).build();
        return Mono.defer(() -> chain.filter(attempt))
                .doOnError(error -> noteFailedTry(attempt, error))
                .retryWhen(Retry.max(1)
                        .filter(error -> !bodyTaken.get() && UnreachableInstances.notReached(error))
                        .doBeforeRetry(signal -> {
                            log.info("{} {}: {} was not reached ({}), sent to another instance",
                                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                                    attempt.<URI>getAttribute(GATEWAY_REQUEST_URL_ATTR), signal.failure().toString());
                            ServerWebExchangeUtils.reset(attempt);
                        })
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /**
     * This try failed: a try of the same request after it goes to another instance; when the instance did not answer,
     * the load balancer leaves it out for a while for every request.
     */
    private void noteFailedTry(ServerWebExchange exchange, Throwable error) {
        URI instance = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        UnreachableInstances.tried(exchange.getAttributes(), instance);
        if (instanceFailed(error)) {
            unreachable.failed(instance);
        }
    }

    private static boolean bodiless(HttpHeaders headers) {
        return headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /**
     * The route with the read timeout, made once per route (and again when the routes are reloaded: a route is
     * immutable, a reload makes new ones) instead of on every read.
     */
    private Route withReadTimeout(Route route) {
        TimedRoute cached = readRoutes.get(route.getId());
        if (cached == null || cached.source() != route) {
            cached = new TimedRoute(route, withTimeout(route, readTimeoutMillis));
            readRoutes.put(route.getId(), cached);
        }
        return cached.timed();
    }

    private record TimedRoute(Route source, Route timed) {
    }

    private static Route withTimeout(Route route, long millis) {
        Map<String, Object> metadata = new HashMap<>(route.getMetadata());
        metadata.put(RESPONSE_TIMEOUT_ATTR, millis);
        return Route.async().id(route.getId()).uri(route.getUri()).order(route.getOrder())
                .asyncPredicate(route.getPredicate()).replaceFilters(new ArrayList<>(route.getFilters()))
                .replaceMetadata(metadata).build();
    }
}
