package io.inetpublish.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import feign.FeignException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.outside.OutsideFeignTimeouts;
import io.inetpublish.common.people.PeopleDirectory;
import io.inetpublish.common.web.DownstreamUnavailableException;
import io.inetpublish.loadbalancing.UnreachableInstances;
import io.inetpublish.common.test.DeadAddress;
import io.inetpublish.common.test.LocalHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignAutoConfiguration;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.cloud.openfeign.loadbalancer.FeignLoadBalancerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * A service's own calls to another whose one of two instances is dead but still registered (its host died, the lease
 * has not expired): a read that picks the dead one is sent once more and answered by the other; a write is not sent
 * again. Feign clients (with the configuration every service's clients get) and {@link PeopleDirectory}. The skipping
 * of unreachable instances is turned off in most of these, so that round robin keeps offering the dead instance to
 * every other call: what remains is the retry alone.
 */
class RetryOnAnotherInstanceTest {

    private LocalHttpServer alive;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private String dead;

    @BeforeEach
    void instances() {
        alive = LocalHttpServer.start().route("/thing", exchange -> {
            (exchange.getRequestMethod().equals("GET") ? reads : writes).incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            LocalHttpServer.answer(exchange, 200, "alive");
        }).route("/failing", exchange -> {
            reads.incrementAndGet();
            LocalHttpServer.answer(exchange, 500, "broken");
        }).route("/slow", exchange -> {
            reads.incrementAndGet();
            LocalHttpServer.pause(1_500);
            LocalHttpServer.answer(exchange, 200, "late");
        }).route("/api/auth/people/", exchange -> {
            reads.incrementAndGet();
            LocalHttpServer.answer(exchange, 200, "{\"id\":\"ou_1\",\"name\":\"张三\"}");
        });
        dead = DeadAddress.reserve();
    }

    @AfterEach
    void stop() {
        alive.close();
    }

    private ApplicationContextRunner runner(String other) {
        String live = alive.url();
        return SkipUnreachableInstancesTest.loadBalancing()
                .withConfiguration(AutoConfigurations.of(FeignAutoConfiguration.class,
                        FeignLoadBalancerAutoConfiguration.class))
                .withUserConfiguration(Calls.class)
                .withPropertyValues(
                        "spring.cloud.discovery.client.simple.instances.probe[0].uri=" + other,
                        "spring.cloud.discovery.client.simple.instances.probe[1].uri=" + live,
                        "spring.cloud.discovery.client.simple.instances.auth-service[0].uri=" + other,
                        "spring.cloud.discovery.client.simple.instances.auth-service[1].uri=" + live,
                        "spring.cloud.loadbalancer.cache.enabled=false",
                        "inetpublish.outside.probe.connect-timeout=1s",
                        "inetpublish.outside.probe.read-timeout=1s",
                        "inetpublish.outside.auth-service.connect-timeout=1s",
                        "inetpublish.outside.auth-service.read-timeout=1s",
                        // round robin alone: every other call picks the dead instance
                        "inetpublish.discovery.skip-unreachable=false");
    }

    @Test
    void everyReadIsAnsweredWhileEveryWriteThatPicksTheDeadInstanceFails() {
        runner(dead).run(context -> {
            Probe probe = context.getBean(Probe.class);
            int failedReads = 0;
            for (int i = 0; i < 12; i++) {
                try {
                    assertThat(probe.read()).isEqualTo("alive");
                } catch (FeignException ex) {
                    failedReads++;
                }
            }
            int failedWrites = 0;
            for (int i = 0; i < 12; i++) {
                try {
                    probe.write();
                } catch (FeignException ex) {
                    failedWrites++;
                }
            }
            assertThat(failedReads).isZero();
            assertThat(reads).hasValue(12);
            // a write is never sent twice: half of them went to the dead instance and failed
            assertThat(failedWrites).isEqualTo(6);
            assertThat(writes).hasValue(6);
        });
    }

    @Test
    void withTheDeadInstanceLeftOutOnlyTheFirstReadMeetsItAndIsStillAnswered() {
        runner(dead).withPropertyValues("inetpublish.discovery.skip-unreachable=true").run(context -> {
            Probe probe = context.getBean(Probe.class);
            for (int i = 0; i < 12; i++) {
                assertThat(probe.read()).isEqualTo("alive");
            }
            assertThat(reads).hasValue(12);
            assertThat(context.getBean(UnreachableInstances.class).skipped())
                    .containsExactly(dead.substring("http://".length()));
        });
    }

    /**
     * The skip window leaves one attempt per window to the dead instance (it is tried again when the window ends, and
     * stays registered until its lease expires): with the retry, none of them reaches the person (docs/bench-failover.md).
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void whileTheDeadInstanceStaysRegisteredOneReadPerSkipWindowMeetsItAndNoneFails(CapturedOutput output) {
        runner(dead).withPropertyValues("inetpublish.discovery.skip-unreachable=true",
                "inetpublish.discovery.skip-unreachable-for=300ms").run(context -> {
                    Probe probe = context.getBean(Probe.class);
                    long start = System.nanoTime();
                    int sent = 0;
                    while (System.nanoTime() - start < 1_500_000_000L) {
                        assertThat(probe.read()).isEqualTo("alive");
                        sent++;
                        Thread.sleep(20);
                    }
                    long windows = (System.nanoTime() - start) / 300_000_000L + 1;
                    assertThat(reads).hasValue(sent);
                    // met again after each window ended (not only once), and at most once per window
                    int met = output.getOut().split("left out of the load balancing", -1).length - 1;
                    assertThat(met).isBetween(2, (int) windows);
                });
    }

    @Test
    void aReadWhoseConnectionIsResetBeforeAnyAnswerIsAnsweredByTheOtherInstance() throws IOException {
        try (Resetting resetting = new Resetting()) {
            runner(resetting.address()).run(context -> {
                Probe probe = context.getBean(Probe.class);
                for (int i = 0; i < 8; i++) {
                    assertThat(probe.read()).isEqualTo("alive");
                }
                assertThat(resetting.accepted()).isGreaterThanOrEqualTo(4);
                assertThat(reads).hasValue(8);
            });
        }
    }

    @Test
    void anAnswerIsNotSentAgainNorIsAReadThatTimedOut() {
        String live = alive.url();
        // both registered instances are the live one: any second attempt would be counted
        runner(live).run(context -> {
            Probe probe = context.getBean(Probe.class);
            assertThatThrownBy(probe::failing).isInstanceOf(FeignException.InternalServerError.class);
            assertThat(reads).hasValue(1);
            assertThatThrownBy(probe::slow).isInstanceOf(FeignException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
            assertThat(reads).hasValue(2);
        });
    }

    @Test
    void peopleLookUpsThatPickTheDeadInstanceAreAnsweredByTheOther() {
        runner(dead).run(context -> {
            PeopleDirectory people = context.getBean(PeopleDirectory.class);
            for (int i = 0; i < 6; i++) {
                assertThat(people.find("ou_1")).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("张三"));
            }
            assertThat(reads).hasValue(6);
        });
    }

    @Test
    void whenEveryInstanceIsDeadTheLookUpFailsAfterTwoAttempts() {
        runner(dead).withPropertyValues("spring.cloud.discovery.client.simple.instances.auth-service[1].uri=" + dead)
                .run(context -> assertThatThrownBy(() -> context.getBean(PeopleDirectory.class).find("ou_1"))
                        .isInstanceOf(DownstreamUnavailableException.class)
                        .satisfies(e -> assertThat(UnreachableInstances.notReached(e)).isTrue()));
    }

    @Test
    void onlyAReadThatReachedNoLiveProcessIsWorthSendingAgain() {
        assertThat(RetryOnAnotherInstance.worthIt(new ConnectException("Connection refused"))).isTrue();
        assertThat(RetryOnAnotherInstance.worthIt(new SocketException("Connection reset"))).isTrue();
        assertThat(RetryOnAnotherInstance.worthIt(new IOException("Unexpected end of file from server"))).isTrue();
        assertThat(RetryOnAnotherInstance.worthIt(new IOException("HTTP/1.1 header parser received no bytes")))
                .isTrue();
        // sent, then no answer in time: the instance is there, only slow
        assertThat(RetryOnAnotherInstance.worthIt(new SocketTimeoutException("Read timed out"))).isFalse();
        assertThat(RetryOnAnotherInstance.worthIt(new IllegalStateException("answered 500"))).isFalse();
        assertThat(RetryOnAnotherInstance.worthIt(null)).isFalse();
    }

    /** An instance whose process dies with the request in flight: it accepts, reads, and resets the connection. */
    private static final class Resetting implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread acceptor = Thread.ofVirtual().start(this::serve);

        Resetting() throws IOException {
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    accepted.incrementAndGet();
                    connection.getInputStream().read(new byte[1024]);
                    connection.setSoLinger(true, 0);
                } catch (IOException ex) {
                    // closed: the test is over
                }
            }
        }

        String address() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            acceptor.interrupt();
        }
    }

    @FeignClient(name = "probe")
    interface Probe {

        @GetMapping("/thing")
        String read();

        @PostMapping("/thing")
        String write();

        @GetMapping("/failing")
        String failing();

        @GetMapping("/slow")
        String slow();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableFeignClients(clients = Probe.class, defaultConfiguration = OutsideFeignTimeouts.class)
    static class Calls {

        @Bean
        OutsideCalls outsideCalls(Environment environment) {
            CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
            breakers.circuitBreaker("probe");
            breakers.circuitBreaker(PeopleDirectory.AUTH_SERVICE);
            return new OutsideCalls(breakers, RetryRegistry.ofDefaults(), BulkheadRegistry.ofDefaults(), environment);
        }

        @Bean
        PeopleDirectory peopleDirectory(ObjectProvider<LoadBalancerClient> loadBalancer, OutsideCalls outside,
                ObjectProvider<UnreachableInstances> unreachable) {
            return new PeopleDirectory("lb://auth-service", loadBalancer, outside, unreachable);
        }
    }
}
