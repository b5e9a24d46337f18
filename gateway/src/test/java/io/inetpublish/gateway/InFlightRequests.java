package io.inetpublish.gateway;

import static org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RETRY_ITERATION_KEY;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.inetpublish.common.test.EveryTestContext;
import io.inetpublish.loadbalancing.UnreachableInstances;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.Connection;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.HttpResources;
import reactor.netty.resources.ConnectionProvider;

/**
 * What every gateway test context has in flight, so that a request that got no answer can be told apart: the test
 * client's requests (sent, answered or not), each gateway's exchanges (which route, which instance, the retry
 * iteration, whether the instance answered, whether the answer to the client began), each gateway's left-out
 * instances, circuit breakers and connection pool, whether every Reactor Netty event loop still runs a task, and the
 * threads. It is printed while a request still waits, once it has waited 10 s for its answer's head, and again by
 * {@link Report} when a test fails waiting for an answer (a WebTestClient's blocking-read timeout, a connection closed
 * before the answer; by then the client has given up and the gateway's exchange ended: the report keeps how the
 * exchanges ended by their client going away stood). Issue 22 asked for it after two such waits (30 s and 20 s) under
 * heavy load that did not come back in reruns.
 * <p>
 * Registered for every test context of the module ({@code META-INF/spring.factories}); the report for every test
 * class ({@code junit-platform.properties}, extension autodetection).
 */
public final class InFlightRequests {

    private static final Map<Object, Exchange> GATEWAY = new ConcurrentHashMap<>();
    private static final Deque<ClientRequest> CLIENT = new ArrayDeque<>();
    private static final Deque<String> CANCELLED = new ArrayDeque<>();
    /** How the gateways' exchanges of the test clients' requests ended, by request number (the header below). */
    private static final Map<String, String> ENDED = new ConcurrentHashMap<>();
    /** The test client's number for a request, so that the report can say what the gateway did with it. */
    static final String REQUEST_HEADER = "X-Test-Request";
    /** Answers whose body nobody read: each keeps its connection taken from the client's pool. */
    private static final Set<ClientRequest> UNREAD = ConcurrentHashMap.newKeySet();
    /** The gateways' connections from their clients, and the last exchange each carried. */
    private static final Map<Channel, String> CONNECTIONS = new ConcurrentHashMap<>();
    private static final Set<ClientRequest> PENDING = ConcurrentHashMap.newKeySet();
    private static final Set<ConfigurableApplicationContext> CONTEXTS = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private InFlightRequests() {
    }

    /** A request the test client sent, and when its answer's head came (0 while none). */
    static final class ClientRequest {
        final int id = SEQUENCE.incrementAndGet();
        final String what;
        final String address;
        final long sentNanos = System.nanoTime();
        volatile long answeredNanos;
        volatile String outcome = "no answer yet";

        ClientRequest(String what, String address) {
            this.what = what;
            this.address = address;
        }
    }

    /** An exchange a gateway is handling. */
    record Exchange(int port, String what, long startNanos, ServerWebExchange exchange, String request) {
    }

    static ClientRequest sent(String what, String address) {
        ClientRequest request = new ClientRequest(what, address);
        synchronized (CLIENT) {
            CLIENT.addLast(request);
            while (CLIENT.size() > 40) {
                CLIENT.removeFirst();
            }
        }
        return request;
    }

    /** The report: everything above, as text. */
    public static String report() {
        StringBuilder out = new StringBuilder("\n===== in flight =====\n");
        long now = System.nanoTime();
        out.append("-- the test clients' requests still without an answer, and what the gateways did with them:\n");
        for (ClientRequest request : List.copyOf(PENDING)) {
            String id = String.valueOf(request.id);
            String atGateway = GATEWAY.values().stream().anyMatch(e -> id.equals(e.request())) ? "in flight there"
                    : ENDED.getOrDefault(id, "never seen by a gateway");
            out.append(String.format("  #%d %s: sent %d ms ago; gateway: %s%n", request.id, request.what,
                    millis(now - request.sentNanos), atGateway));
        }
        out.append("-- the test clients' last requests (oldest first):\n");
        synchronized (CLIENT) {
            for (ClientRequest request : CLIENT) {
                out.append(String.format("  #%d %s: sent %d ms ago, %s%n", request.id, request.what,
                        millis(now - request.sentNanos), request.answeredNanos == 0 ? request.outcome
                                : request.outcome + " after " + millis(request.answeredNanos - request.sentNanos) + " ms"));
            }
        }
        Map<String, Long> unread = UNREAD.stream().collect(Collectors.groupingBy(r -> r.address,
                Collectors.counting()));
        out.append("-- answers whose body the tests never read, per address (each keeps a connection of the client's "
                + "pool taken; Reactor Netty's pool has ").append(ConnectionProvider.DEFAULT_POOL_MAX_CONNECTIONS)
                .append(" per address, then a request waits up to 45 s for one): ").append(unread).append('\n');
        out.append("-- exchanges the gateways have not finished:\n");
        if (GATEWAY.isEmpty()) {
            out.append("  none (a request above still waiting has not reached a gateway's handler)\n");
        }
        for (Exchange exchange : GATEWAY.values()) {
            out.append("  ").append(describe(exchange, now, "")).append('\n');
        }
        out.append("-- exchanges the gateways ended because their client went away (last 20, as they were then):\n");
        synchronized (CANCELLED) {
            CANCELLED.forEach(line -> out.append("  ").append(line).append('\n'));
        }
        out.append("-- the gateways' connections from their clients that are open (last exchange on each; the "
                + "connection's current operations: a request that comes while the last one's are not ended waits):\n");
        CONNECTIONS.forEach((channel, last) -> {
            if (channel.isActive()) {
                Object ops = ChannelOperations.get(channel);
                out.append("  ").append(channel.remoteAddress()).append(" -> ").append(channel.localAddress())
                        .append(": ").append(last).append("; operations ")
                        .append(ops == null ? "none" : ops.getClass().getSimpleName())
                        .append(", auto-read ").append(channel.config().isAutoRead())
                        .append(", handlers ").append(channel.pipeline().names())
                        .append('\n');
            }
        });
        for (ConfigurableApplicationContext context : CONTEXTS) {
            if (!context.isActive()) {
                continue;
            }
            String port = context.getEnvironment().getProperty("local.server.port", "?");
            out.append("-- gateway :").append(port).append('\n');
            context.getBeanProvider(UnreachableInstances.class).ifAvailable(unreachable ->
                    out.append("  instances left out: ").append(unreachable.skipped()).append('\n'));
            context.getBeanProvider(MeterRegistry.class).ifAvailable(meters -> meters
                    .find("resilience4j.circuitbreaker.state").gauges().stream()
                    .filter(gauge -> gauge.value() > 0)
                    .forEach(gauge -> out.append("  circuit breaker ").append(gauge.getId().getTag("name"))
                            .append(": ").append(gauge.getId().getTag("state")).append('\n')));
        }
        out.append("-- the gateways' connection pools to the services:\n");
        for (Gauge gauge : Metrics.globalRegistry.find("reactor.netty.connection.provider.active.connections")
                .gauges()) {
            String remote = gauge.getId().getTag("remote.address");
            String name = gauge.getId().getTag("name");
            double idle = value("reactor.netty.connection.provider.idle.connections", name, remote);
            double pending = value("reactor.netty.connection.provider.pending.connections", name, remote);
            out.append(String.format("  %s %s: %.0f active, %.0f idle, %.0f waiting for a connection%n", name, remote,
                    gauge.value(), idle, pending));
        }
        out.append("-- Reactor Netty's event loops (a loop that does not run a task is blocked):\n");
        HttpResources.get().onServer(true).forEach(loop -> out.append("  ").append(loopState(loop)).append('\n'));
        out.append("-- threads:\n");
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            out.append(thread);
        }
        return out.append("===== end =====\n").toString();
    }

    private static double value(String meter, String name, String remote) {
        Gauge gauge = Metrics.globalRegistry.find(meter).tag("name", name).tag("remote.address", remote).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private static String loopState(EventExecutor loop) {
        long start = System.nanoTime();
        try {
            boolean ran = loop.submit(() -> { }).await(1, TimeUnit.SECONDS);
            return loop + (ran ? ": ran a task after " + millis(System.nanoTime() - start) + " ms"
                    : ": DID NOT RUN A TASK WITHIN 1 s");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return loop + ": interrupted";
        }
    }

    /** Where a gateway's exchange stands: route, instance, retry, whether the instance answered, the client's answer. */
    private static String describe(Exchange exchange, long now, String how) {
        ServerWebExchange ex = exchange.exchange();
        Route route = ex.getAttribute(GATEWAY_ROUTE_ATTR);
        Object instance = ex.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        return String.format("gateway :%d %s, %d ms%s: route %s, to %s, retry iteration %s, instance %s, "
                        + "answer to the client %s (status %s)",
                exchange.port(), exchange.what(), millis(now - exchange.startNanos()), how,
                route == null ? "-" : route.getId(), instance == null ? "-" : instance,
                ex.getAttributes().getOrDefault(RETRY_ITERATION_KEY, "-"),
                ex.getAttribute(CLIENT_RESPONSE_ATTR) == null ? "has not answered" : "answered",
                ex.getResponse().isCommitted() ? "begun" : "not begun", ex.getResponse().getStatusCode());
    }

    /** A request that waits this long for its answer's head gets the report printed while it still waits. */
    private static final Duration WATCH = Duration.ofSeconds(10);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "in-flight-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private static void watch(ClientRequest request) {
        WATCHDOG.schedule(() -> {
            if (request.answeredNanos == 0 && !request.outcome.startsWith("given up")) {
                System.err.println("\n" + Instant.now() + " " + request.what + " (#" + request.id + ") has waited "
                        + WATCH.toSeconds() + " s for an answer" + report());
            }
        }, WATCH.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    /** Records every exchange of the gateway it is registered in, until its answer is written. */
    static final class GatewaySide implements WebFilter, Ordered {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            Object key = new Object();
            var local = exchange.getRequest().getLocalAddress();
            GATEWAY.put(key, new Exchange(local == null ? -1 : local.getPort(), exchange.getRequest().getMethod() + " "
                    + exchange.getRequest().getURI().getRawPath() + " from " + exchange.getRequest().getRemoteAddress(),
                    System.nanoTime(), exchange, exchange.getRequest().getHeaders().getFirst(REQUEST_HEADER)));
            Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
            Channel channel = nativeRequest instanceof Connection connection
                    ? connection.channel() : null;
            String request = exchange.getRequest().getHeaders().getFirst(REQUEST_HEADER);
            String what = exchange.getRequest().getMethod() + " " + exchange.getRequest().getURI().getRawPath();
            if (channel != null) {
                if (!CONNECTIONS.containsKey(channel)) {
                    channel.closeFuture().addListener(closed -> CONNECTIONS.remove(channel));
                }
                CONNECTIONS.merge(channel, "#" + request + " " + what + " in flight",
                        (before, now) -> now + " | before: " + before.substring(0, Math.min(before.length(), 400)));
            }
            return chain.filter(exchange).doFinally(signal -> {
                if (channel != null) {
                    CONNECTIONS.computeIfPresent(channel, (c, before) -> before.replaceFirst("#" + request + " " +
                            Pattern.quote(what) + " in flight", Matcher.quoteReplacement(
                            "#" + request + " " + what + " ended (" + signal + ", " + exchange.getResponse().getStatusCode()
                            + ") at " + Instant.now())));
                }
                Exchange ended = GATEWAY.remove(key);
                if (ended != null && ended.request() != null) {
                    ENDED.put(ended.request(), "ended (" + signal + "): " + describe(ended, System.nanoTime(), ""));
                }
                if (signal == SignalType.CANCEL && ended != null) {
                    synchronized (CANCELLED) {
                        CANCELLED.addLast(describe(ended, System.nanoTime(), " until cancelled"));
                        while (CANCELLED.size() > 20) {
                            CANCELLED.removeFirst();
                        }
                    }
                }
            });
        }
    }

    /** Puts {@link GatewaySide} and the client's record into every test context of the module. */
    public static class Registration extends EveryTestContext {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            CONTEXTS.add(context);
            // the gateway's pool to the services reports its connections (Micrometer's global registry)
            TestPropertyValues.of("spring.cloud.gateway.server.webflux.httpclient.pool.metrics=true")
                    .applyTo(context);
            context.getBeanFactory().registerSingleton("inFlightGatewaySide", new GatewaySide());
            WebTestClientBuilderCustomizer client = builder -> builder.filter((request, next) -> {
                ClientRequest sent = sent(request.method() + " " + request.url(),
                        request.url().getHost() + ":" + request.url().getPort());
                watch(sent);
                PENDING.add(sent);
                return next.exchange(org.springframework.web.reactive.function.client.ClientRequest.from(request)
                                .header(REQUEST_HEADER, String.valueOf(sent.id)).build())
                        .map(response -> {
                            sent.outcome = "answered " + response.statusCode().value();
                            sent.answeredNanos = System.nanoTime();
                            PENDING.remove(sent);
                            UNREAD.add(sent);
                            return response.mutate().body(body -> body.doOnSubscribe(s -> {
                                UNREAD.remove(sent);
                                sent.outcome += ", body read";
                            })).build();
                        })
                        .doOnError(error -> {
                            sent.outcome = "failed: " + error;
                            sent.answeredNanos = System.nanoTime();
                            PENDING.remove(sent);
                        })
                        .doOnCancel(() -> sent.outcome = "given up (cancelled) without an answer");
            });
            context.getBeanFactory().registerSingleton("inFlightClientSide", client);
        }
    }

    /** Prints {@link #report()} when a test failed waiting for an answer that never came, then fails it as before. */
    public static class Report implements TestExecutionExceptionHandler {

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
            if (waitedInVain(failure)) {
                System.err.println("\n" + context.getUniqueId() + " failed waiting for an answer: " + failure
                        + report());
            }
            throw failure;
        }

        static boolean waitedInVain(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                String message = String.valueOf(t.getMessage());
                if (t instanceof java.util.concurrent.TimeoutException || message.contains("Timeout on blocking read")
                        || message.contains("prematurely closed")) {
                    return true;
                }
            }
            return false;
        }
    }
}
