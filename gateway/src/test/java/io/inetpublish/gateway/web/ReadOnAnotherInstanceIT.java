package io.inetpublish.gateway.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inetpublish.loadbalancing.UnreachableInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two instances of a service, one of which hangs: it accepts the connection and never answers (a process stopped with
 * SIGSTOP, or one stuck in a pause; issue 22: "idempotent reads retried by the gateway on another instance"). Every
 * read is answered by the other instance, only one of them waits for the read timeout (1 s here,
 * {@code GATEWAY_READ_TIMEOUT}), and the hung instance is sent one request. Each service here has instances of its
 * own: the instances left out are counted by address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "management.server.port=0",
        "inetpublish.gateway.read-timeout=1s",
        "inetpublish.gateway.skip-unreachable-for=60s",
        "spring.cloud.loadbalancer.cache.enabled=false"
})
@AutoConfigureWebTestClient(timeout = "20s")
class ReadOnAnotherInstanceIT {

    private static final Logger log = LoggerFactory.getLogger(ReadOnAnotherInstanceIT.class);

    static final long READ_TIMEOUT_MILLIS = 1000;

    static final Hangs CUSTOMERS_HANG = new Hangs();
    static final WireMockServer CUSTOMERS_ANSWER = answers();
    static final Hangs RELEASES_HANG = new Hangs();
    static final WireMockServer RELEASES_ANSWER = answers();
    static final Hangs NOTIFY_HANGS = new Hangs();
    static final WireMockServer NOTIFY_ANSWERS = answers();
    /** auth-service's only instance: the gateway's first request of the run goes there, not to a timed read. */
    static final WireMockServer AUTH_ANSWERS = answers();

    static WireMockServer answers() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"instance\":\"answers\"}")));
        return server;
    }

    static String url(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.customer-service[0].uri", CUSTOMERS_HANG::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.customer-service[1].uri", () -> url(CUSTOMERS_ANSWER));
        registry.add("spring.cloud.discovery.client.simple.instances.release-service[0].uri", RELEASES_HANG::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.release-service[1].uri", () -> url(RELEASES_ANSWER));
        registry.add("spring.cloud.discovery.client.simple.instances.notify-service[0].uri", NOTIFY_HANGS::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.notify-service[1].uri", () -> url(NOTIFY_ANSWERS));
        registry.add("spring.cloud.discovery.client.simple.instances.auth-service[0].uri", () -> url(AUTH_ANSWERS));
    }

    @AfterAll
    static void stop() {
        for (WireMockServer server : List.of(CUSTOMERS_ANSWER, RELEASES_ANSWER, NOTIFY_ANSWERS, AUTH_ANSWERS)) {
            server.stop();
        }
        for (Hangs hangs : List.of(CUSTOMERS_HANG, RELEASES_HANG, NOTIFY_HANGS)) {
            hangs.close();
        }
    }

    @Autowired
    WebTestClient client;

    @Autowired
    UnreachableInstances unreachable;

    @Autowired
    LoadBalancerClientFactory loadBalancers;

    /**
     * What the gateway does once per run or per service, before the timed reads: its first proxied request (the HTTP
     * client, the first connection), each service's load balancer (made on its first use).
     */
    @BeforeEach
    void warmUp() {
        client.get().uri("/api/auth/jwks").exchange().expectStatus().isOk().expectBody(Void.class);
        for (String service : List.of("customer-service", "release-service", "notify-service")) {
            assertThat(loadBalancers.getInstance(service, ReactorServiceInstanceLoadBalancer.class)).isNotNull();
        }
    }

    /** How long a read took, in ms; it must have been answered 200 by the instance that answers. */
    long read(String path) {
        long start = System.nanoTime();
        client.get().uri(path).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.instance").isEqualTo("answers");
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void everyReadIsAnsweredByTheOtherInstanceAndOnlyOneWaits() {
        List<Long> took = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            took.add(read("/api/customers?read=" + i));
        }
        log.info("20 reads, one instance hung: {} ms", took);
        // the read that met the hung instance: its read timeout, then the other instance; every other read at once
        assertThat(took).allSatisfy(ms -> assertThat(ms).isLessThan(READ_TIMEOUT_MILLIS + 1000));
        assertThat(took).filteredOn(ms -> ms >= READ_TIMEOUT_MILLIS).hasSizeLessThanOrEqualTo(1);
        assertThat(CUSTOMERS_HANG.accepted()).isEqualTo(1);
    }

    /**
     * The instance that answers failed lately too (a slow answer on a busy machine, a restart): when the other one then
     * hangs, every instance of the service is out. Before, the read's second try went to whichever instance round robin
     * gave it (the hung one as often as not: a 504 after twice the read timeout), and every other read after it waited
     * for the hung instance again.
     */
    @Test
    void aReadIsNotSentTwiceToTheHungInstanceWhenTheOtherFailedLatelyToo() {
        unreachable.failed(URI.create(url(RELEASES_ANSWER) + "/api/releases"));

        List<Long> took = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            took.add(read("/api/releases?read=" + i));
        }
        log.info("20 reads, one instance hung, the other failed lately: {} ms", took);
        assertThat(took).allSatisfy(ms -> assertThat(ms).isLessThan(READ_TIMEOUT_MILLIS + 1000));
        assertThat(took).filteredOn(ms -> ms >= READ_TIMEOUT_MILLIS).hasSizeLessThanOrEqualTo(1);
        assertThat(RELEASES_HANG.accepted()).isEqualTo(1);
    }

    @Test
    void concurrentReadsAreAllAnsweredByTheOtherInstance() throws Exception {
        int concurrent = 5;
        ExecutorService readers = Executors.newFixedThreadPool(concurrent);
        try {
            List<Future<Long>> reads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String path = "/api/notifications?read=" + i;
                reads.add(readers.submit(() -> read(path)));
            }
            List<Long> took = new ArrayList<>();
            for (Future<Long> read : reads) {
                took.add(read.get());
            }
            log.info("20 reads by {} readers, one instance hung: {} ms", concurrent, took);
            assertThat(took).allSatisfy(ms -> assertThat(ms).isLessThan(READ_TIMEOUT_MILLIS + 1000));
            // only reads sent before the first of them timed out met the hung instance
            assertThat(took).filteredOn(ms -> ms >= READ_TIMEOUT_MILLIS).hasSizeLessThanOrEqualTo(concurrent);
            assertThat(NOTIFY_HANGS.accepted()).isBetween(1, concurrent);
        } finally {
            readers.shutdownNow();
        }
    }

    /** An instance that accepts every connection and never answers (nor reads): hung, not dead. */
    static final class Hangs implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        Hangs() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            Thread.ofPlatform().daemon().name("hangs-" + server.getLocalPort()).start(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        int accepted() {
            return held.size();
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket socket : held) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // the test is over
            }
        }
    }
}
