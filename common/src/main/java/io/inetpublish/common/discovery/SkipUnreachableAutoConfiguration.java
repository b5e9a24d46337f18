package io.inetpublish.common.discovery;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;

/** {@link UnreachableInstances} for every load-balanced call a service makes to another. */
@AutoConfiguration
@ConditionalOnClass(ServiceInstanceListSupplier.class)
@ConditionalOnProperty(name = "inetpublish.discovery.skip-unreachable", havingValue = "true", matchIfMissing = true)
@LoadBalancerClients(defaultConfiguration = SkipUnreachableInstances.PerService.class)
public class SkipUnreachableAutoConfiguration {

    @Bean
    UnreachableInstances unreachableInstances(
            @Value("${inetpublish.discovery.skip-unreachable-for:10s}") Duration skipFor,
            ObjectProvider<MeterRegistry> meters) {
        UnreachableInstances unreachable = new UnreachableInstances(skipFor, Clock.systemUTC());
        meters.ifAvailable(registry -> Gauge.builder("inetpublish.instances.skipped", unreachable,
                        u -> u.skipped().size())
                .description("Instances of other services this service leaves out because they did not answer lately")
                .register(registry));
        return unreachable;
    }
}
