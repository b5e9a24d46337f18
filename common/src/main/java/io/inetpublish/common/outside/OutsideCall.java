package io.inetpublish.common.outside;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import feign.FeignException;
import feign.Request;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.inetpublish.common.web.DownstreamUnavailableException;
import java.io.IOException;
import java.net.HttpURLConnection;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;

/**
 * One named way out of a service (another service, Jenkins, Feishu): its HTTP timeouts and its Resilience4j instances
 * of the same name, all from the service's {@code application.yml} ({@link OutsideCalls}). A call goes through the
 * bulkhead (when one is configured), then the circuit breaker, and - only for {@link #retried} calls - the retry
 * around both, so each attempt counts for the breaker and an open breaker is never retried. A call to another platform
 * service goes through {@link #find} or {@link #ask}, which say once what its failures mean to the user; other callers
 * translate {@link io.github.resilience4j.circuitbreaker.CallNotPermittedException} and
 * {@link io.github.resilience4j.bulkhead.BulkheadFullException} into what their user should see.
 */
public final class OutsideCall {

    private final String name;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Bulkhead bulkhead;

    OutsideCall(String name, Duration connectTimeout, Duration readTimeout, CircuitBreaker breaker, Retry retry,
            Bulkhead bulkhead) {
        this.name = name;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.breaker = breaker;
        this.retry = retry;
        this.bulkhead = bulkhead;
    }

    public String name() {
        return name;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long a request waits for the answer once it is sent. */
    public Duration readTimeout() {
        return readTimeout;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * Sends {@code request} once: bulkhead and breaker, never retried (a trigger, a message, a code that works
     * once).
     */
    public <T> T call(Supplier<T> request) {
        Supplier<T> guarded = bulkhead == null ? request : Bulkhead.decorateSupplier(bulkhead, request);
        return CircuitBreaker.decorateSupplier(breaker, guarded).get();
    }

    /**
     * Asks for something that may not exist, sent once as {@link #call}: the answer, or empty when the downstream
     * answers 404 (a Feign client's {@link FeignException.NotFound} or a {@code RestClient}'s
     * {@link HttpClientErrorException.NotFound}: "no such thing" is an answer, and a successful call for the breaker)
     * or with no body. Anything else that goes wrong is the downstream being unavailable, as in
     * {@link #ask}.
     *
     * @throws DownstreamUnavailableException (503, naming this call) refused, timed out, a 5xx or any other 4xx than
     *         a 404, no instance registered, the breaker open, the bulkhead full
     */
    public <T> Optional<T> find(Supplier<T> request) {
        return ask(() -> {
            try {
                return Optional.ofNullable(request.get());
            } catch (FeignException.NotFound | HttpClientErrorException.NotFound notFound) {
                return Optional.empty();
            }
        });
    }

    /**
     * Asks for an answer the caller cannot go on without, sent once as {@link #call}. Callers ask before they open a
     * transaction, so nothing is stored when the downstream cannot answer.
     *
     * @throws DownstreamUnavailableException (503, naming this call) on any failure, a 404 included
     */
    public <T> T ask(Supplier<T> request) {
        try {
            return call(request);
        } catch (RuntimeException failure) {
            throw new DownstreamUnavailableException(name, failure);
        }
    }

    /**
     * An idempotent request (a read): as {@link #call}, retried as the instance's {@code resilience4j.retry} says.
     *
     * @throws IllegalStateException the instance has no retry configured
     */
    public <T> T retried(Supplier<T> request) {
        if (retry == null) {
            throw new IllegalStateException("no resilience4j.retry.instances." + name + " configured");
        }
        return Retry.decorateSupplier(retry, () -> call(request)).get();
    }

    /**
     * An HTTP/1.1 request factory with this instance's timeouts that never follows redirects (for a
     * {@link org.springframework.web.client.RestClient}).
     */
    public JdkClientHttpRequestFactory requestFactory() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(readTimeout);
        return factory;
    }

    /**
     * For answers streamed while they arrive (a Jenkins artifact copied or passed on to a browser): the read timeout
     * is the longest wait for the next bytes, not for the whole answer as in {@link #requestFactory()}, whose clock
     * runs until the body is closed and so cut every copy that took longer (a 1 GB bundle at 50 MB/s, 20 s). HTTP/1.1,
     * no redirects followed, like {@link #requestFactory()}.
     */
    public ClientHttpRequestFactory streamingRequestFactory() {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory() {
            @Override
            protected void prepareConnection(HttpURLConnection connection, String httpMethod) throws IOException {
                super.prepareConnection(connection, httpMethod);
                connection.setInstanceFollowRedirects(false);
            }
        };
        factory.setConnectTimeout(connectTimeout);
        factory.setReadTimeout(readTimeout);
        return factory;
    }

    /** The same timeouts for a Feign client (redirects followed, as Feign's default). */
    Request.Options feignOptions() {
        return new Request.Options(connectTimeout.toMillis(), TimeUnit.MILLISECONDS, readTimeout.toMillis(),
                TimeUnit.MILLISECONDS, true);
    }
}
