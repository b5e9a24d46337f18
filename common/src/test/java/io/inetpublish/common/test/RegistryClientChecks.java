package io.inetpublish.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.netflix.eureka.TimeoutProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * A registry peer that accepts connections and never answers (its host hung) must not hold a process's Eureka client:
 * Spring Cloud's transport waits {@code eureka.client.timeout.socket-timeout} (180 s by default) for an answer, and
 * meanwhile the process neither renews its lease nor reads the registry - the other peer expired the healthy instances
 * of the host that did not hang (docs/bench-failover.md, FAILOVER_MODE=stop). One check for every process whose
 * configuration imports inetpublish-registry-client.yml (the services through common's defaults, the gateway).
 */
public final class RegistryClientChecks {

    private RegistryClientChecks() {
    }

    /**
     * The settings as the configuration file at {@code location} resolves them end a call to a hung peer early enough
     * for the same call to go to the next peer within one renewal interval.
     */
    public static void aHungRegistryPeerGivesWayWithinOneRenewalInterval(String location) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("spring.config.location", location)));
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
