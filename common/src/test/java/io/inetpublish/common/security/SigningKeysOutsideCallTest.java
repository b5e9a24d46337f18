package io.inetpublish.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import io.github.resilience4j.springboot3.bulkhead.autoconfigure.BulkheadAutoConfiguration;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration;
import io.inetpublish.common.outside.OutsideCall;
import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.outside.OutsideCallsAutoConfiguration;
import io.inetpublish.common.test.OutsideCallChecks;
import io.inetpublish.loadbalancing.UnreachableInstances;
import io.inetpublish.common.test.DeadAddress;
import io.inetpublish.common.test.LocalHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClientsProperties;
import org.springframework.cloud.loadbalancer.blocking.client.BlockingLoadBalancerClient;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.core.io.ClassPathResource;

/**
 * Every service's fetch of auth-service's signing keys is the outside call {@code auth-service-keys} as
 * {@code inetpublish-defaults.yml} configures it (the suite's shorter read timeout aside): a slow key server ends at
 * the read timeout, a failing one opens the breaker and is then not asked; either is the IOException Nimbus expects.
 */
class SigningKeysOutsideCallTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(c -> {
                try {
                    c.getEnvironment().getPropertySources().addLast(new YamlPropertySourceLoader()
                            .load("inetpublish-defaults", new ClassPathResource("inetpublish-defaults.yml")).get(0));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            })
            .withPropertyValues("inetpublish.outside.auth-service-keys.read-timeout=1500ms")
            .withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
                    RetryAutoConfiguration.class, BulkheadAutoConfiguration.class,
                    OutsideCallsAutoConfiguration.class));

    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;
    private volatile int delayMillis;
    private LocalHttpServer keys;
    private URL url;

    @BeforeEach
    void serveKeys() throws IOException {
        keys = LocalHttpServer.start().route("/api/auth/jwks", exchange -> {
            requests.incrementAndGet();
            LocalHttpServer.pause(delayMillis);
            LocalHttpServer.answer(exchange, status, "{\"keys\":[]}");
        });
        url = keys.uri("/api/auth/jwks").toURL();
    }

    @AfterEach
    void stop() {
        keys.close();
    }

    private static ResourceRetriever fetch(OutsideCall call) {
        return CommonSecurityAutoConfiguration.ResourceServer.through(call,
                CommonSecurityAutoConfiguration.ResourceServer.retriever(call));
    }

    @Test
    void aSlowKeyServerEndsAtTheReadTimeout() {
        context.run(c -> {
            OutsideCall call = c.getBean(OutsideCalls.class)
                    .get(CommonSecurityAutoConfiguration.ResourceServer.SIGNING_KEYS);
            delayMillis = OutsideCallChecks.beyondReadTimeoutMillis(call);

            assertThat(OutsideCallChecks.failsAtReadTimeout(call, () -> fetch(call).retrieveResource(url)))
                    .isInstanceOf(IOException.class);
        });
    }

    @Test
    void theBreakerOpensAfterTheConfiguredFailuresAndThenAsksNothing() {
        context.run(c -> {
            OutsideCall call = c.getBean(OutsideCalls.class)
                    .get(CommonSecurityAutoConfiguration.ResourceServer.SIGNING_KEYS);
            assertThat(fetch(call).retrieveResource(url).getContent()).contains("keys");
            call.breaker().reset();
            status = 500;

            OutsideCallChecks.opensAfterConfiguredFailures(call, () -> {
                try {
                    fetch(call).retrieveResource(url);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }, requests::get);
            assertThat(call.breaker().getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(10);
        });
    }

    @Test
    void anOutsideCallWithoutSettingsIsRefusedByName() {
        context.run(c -> assertThatThrownBy(() -> c.getBean(OutsideCalls.class).get("nowhere"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inetpublish.outside.nowhere.connect-timeout"));
    }

    /**
     * {@code lb://auth-service/...} with two instances registered, one of them dead (its host died; still in the
     * registry): the fetch that picks the dead one is reported and sent again, to the live one; an answer (a 500) is
     * not sent again.
     */
    @Test
    void byServiceNameAFetchThatReachedNoLiveInstanceGoesToTheOther() throws IOException {
        String live = keys.url();
        String dead = DeadAddress.reserve();
        UnreachableInstances unreachable = new UnreachableInstances(Duration.ofSeconds(60), Clock.systemUTC());
        URL target = URI.create("http://auth-service/api/auth/jwks").toURL();

        ResourceRetriever fetch = CommonSecurityAutoConfiguration.ResourceServer.anyInstance(
                provider(LoadBalancerClient.class, inTurn(dead, live)), provider(UnreachableInstances.class, unreachable),
                new DefaultResourceRetriever(1000, 1000));
        assertThat(fetch.retrieveResource(target).getContent()).isEqualTo("{\"keys\":[]}");
        assertThat(requests).hasValue(1);
        assertThat(unreachable.skipped()).containsExactly(dead.substring("http://".length()));

        status = 500;
        ResourceRetriever answered = CommonSecurityAutoConfiguration.ResourceServer.anyInstance(
                provider(LoadBalancerClient.class, inTurn(live, live)),
                provider(UnreachableInstances.class, unreachable), new DefaultResourceRetriever(1000, 1000));
        assertThatThrownBy(() -> answered.retrieveResource(target)).isInstanceOf(IOException.class);
        assertThat(requests).hasValue(2);
    }

    private static <T> ObjectProvider<T> provider(Class<T> type, T bean) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean(type.getSimpleName(), bean);
        return beans.getBeanProvider(type);
    }

    /** A load balancer over these addresses of auth-service, in turn (round robin, starting with the first). */
    private static LoadBalancerClient inTurn(String... addresses) {
        AtomicInteger next = new AtomicInteger();
        return new BlockingLoadBalancerClient(new LoadBalancerClientFactory(new LoadBalancerClientsProperties())) {
            @Override
            public ServiceInstance choose(String serviceId) {
                URI uri = URI.create(addresses[next.getAndIncrement() % addresses.length]);
                return new DefaultServiceInstance(uri.toString(), serviceId, uri.getHost(), uri.getPort(), false);
            }
        };
    }
}
