package io.inetpublish.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;


import io.inetpublish.loadbalancing.UnreachableInstances;
import io.inetpublish.common.test.DeadAddress;
import io.inetpublish.common.test.LocalHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.BlockingLoadBalancerClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * A service's own load-balanced calls when one of two instances of the service it calls is dead but still
 * registered (its host died; the lease has not expired): after the one call that finds it dead, every call goes to
 * the instance that answers (bench/failover: before, the callers' writes were refused for 56 s after the kill).
 */
public class SkipUnreachableInstancesTest {

    private LocalHttpServer alive;
    private String dead;

    @BeforeEach
    void instances() {
        alive = LocalHttpServer.start().route("/", exchange -> LocalHttpServer.answer(exchange, 200, "alive"));
        dead = DeadAddress.reserve();
    }

    @AfterEach
    void stop() {
        alive.close();
    }

    /** A service's load balancing without the rest of the service: the simple discovery client, blocking. */
    static ApplicationContextRunner loadBalancing() {
        return new ApplicationContextRunner()
                // as in an application: "60s" for a Duration
                .withInitializer(context -> context.getBeanFactory()
                        .setConversionService(ApplicationConversionService.getSharedInstance()))
                .withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
                        SimpleDiscoveryClientAutoConfiguration.class, CompositeDiscoveryClientAutoConfiguration.class,
                        org.springframework.cloud.client.loadbalancer.LoadBalancerAutoConfiguration.class,
                        org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration.class,
                        BlockingLoadBalancerClientAutoConfiguration.class, SkipUnreachableAutoConfiguration.class));
    }

    private ApplicationContextRunner runner() {
        return loadBalancing()
                .withUserConfiguration(Calls.class)
                .withPropertyValues(
                        "spring.cloud.discovery.client.simple.instances.probe[0].uri=" + dead,
                        "spring.cloud.discovery.client.simple.instances.probe[1].uri=" + alive.url(),
                        "spring.cloud.loadbalancer.cache.enabled=false",
                        "inetpublish.discovery.skip-unreachable-for=60s");
    }

    @Test
    void afterOneRefusedConnectionEveryCallGoesToTheInstanceThatAnswers() {
        runner().run(context -> {
            int failed = calls(context.getBean(RestClient.Builder.class).build(), 12);
            assertThat(failed).isLessThanOrEqualTo(1);
            assertThat(context.getBean(UnreachableInstances.class).skipped())
                    .containsExactly(dead.substring("http://".length()));
        });
    }

    @Test
    void withoutItRoundRobinKeepsSendingEveryOtherCallToTheDeadInstance() {
        runner().withPropertyValues("inetpublish.discovery.skip-unreachable=false").run(context -> {
            assertThat(context).doesNotHaveBean(UnreachableInstances.class);
            assertThat(calls(context.getBean(RestClient.Builder.class).build(), 12)).isGreaterThanOrEqualTo(5);
        });
    }

    private static int calls(RestClient client, int n) {
        int failed = 0;
        for (int i = 0; i < n; i++) {
            try {
                assertThat(client.get().uri("http://probe/anything").retrieve().body(String.class)).isEqualTo("alive");
            } catch (RestClientException ex) {
                failed++;
            }
        }
        return failed;
    }


    @Configuration(proxyBeanMethods = false)
    static class Calls {

        @Bean
        @LoadBalanced
        RestClient.Builder loadBalanced() {
            return RestClient.builder();
        }
    }
}
