package io.inetpublish.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.netflix.eureka.TimeoutProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * A registry peer that accepts connections and never answers (its host hung) must not hold the gateway's Eureka
 * client: Spring Cloud's transport waits {@code eureka.client.timeout.socket-timeout} (180 s by default) for an
 * answer, and meanwhile the gateway read no registry (it kept routing to the hung host for as long as it hung) and
 * renewed no lease (docs/bench-failover.md, FAILOVER_MODE=stop). The gateway's settings
 * (application.yml, which imports inetpublish-registry-client.yml) end such a call early enough for the same
 * call to go to the next peer within one renewal interval.
 */
class RegistryClientTimeoutsTest {

    @Test
    void aHungRegistryPeerGivesWayWithinOneRenewalInterval() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("spring.config.location", "classpath:/application.yml")));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);

        TimeoutProperties timeouts = Binder.get(environment).bind("eureka.client.timeout", TimeoutProperties.class)
                .orElseGet(TimeoutProperties::new);
        int renewalMillis = 1000 * environment.getRequiredProperty(
                "eureka.instance.lease-renewal-interval-in-seconds", Integer.class);

        // the hung peer: connected (the kernel's backlog), no answer within socket-timeout; then the next peer's answer
        assertThat(timeouts.getSocketTimeout()).isPositive().isLessThanOrEqualTo(renewalMillis - 2000);
        assertThat(timeouts.getConnectTimeout()).isPositive().isLessThanOrEqualTo(renewalMillis - 2000);
        assertThat(timeouts.getConnectRequestTimeout()).isPositive().isLessThanOrEqualTo(renewalMillis - 2000);
        assertThat(environment.getRequiredProperty("eureka.instance.lease-expiration-duration-in-seconds", Integer.class))
                .isEqualTo(15);
    }
}
