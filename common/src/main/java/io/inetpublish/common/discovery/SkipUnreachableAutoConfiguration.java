package io.inetpublish.common.discovery;

import java.time.Clock;
import java.time.Duration;

import io.inetpublish.loadbalancing.UnreachableInstances;
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

/**
 * Every load balancer of this service's calls to another (Feign clients, {@code lb://} addresses) leaves out the
 * instances that did not answer lately, and reports the instances that do not ({@link UnreachableInstances}, module
 * load-balancing, the one copy the gateway uses too), for {@code inetpublish.discovery.skip-unreachable-for}.
 */
@AutoConfiguration
@ConditionalOnClass(ServiceInstanceListSupplier.class)
@ConditionalOnProperty(name = "inetpublish.discovery.skip-unreachable", havingValue = "true", matchIfMissing = true)
@LoadBalancerClients(defaultConfiguration = SkipUnreachablePerService.class)
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
