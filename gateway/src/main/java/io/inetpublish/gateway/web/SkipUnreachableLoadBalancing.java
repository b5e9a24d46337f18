package io.inetpublish.gateway.web;

import java.time.Clock;
import java.time.Duration;

import io.inetpublish.loadbalancing.UnreachableInstances;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every route's load balancer leaves out the instances the gateway could not reach lately ({@link UnreachableInstances},
 * module load-balancing, shared with every service's own calls): they are reported by {@link HungInstanceGuard} and
 * left out for {@code inetpublish.gateway.skip-unreachable-for}.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = SkipUnreachablePerService.class)
class SkipUnreachableLoadBalancing {

    /**
     * When an instance's time out is over, one request tries it alone, and the others leave it out for as long as a
     * read needs to fail (the read timeout, and a second more): a hung instance costs one read per window, not every
     * read round robin gives it before the first of them times out.
     */
    @Bean
    UnreachableInstances unreachableInstances(@Value("${inetpublish.gateway.skip-unreachable-for:10s}") Duration skipFor,
            @Value("${inetpublish.gateway.read-timeout:5s}") Duration readTimeout, MeterRegistry meters) {
        UnreachableInstances unreachable = new UnreachableInstances(skipFor, readTimeout.plusSeconds(1),
                Clock.systemUTC());
        Gauge.builder("inetpublish.gateway.instances.skipped", unreachable, u -> u.skipped().size())
                .description("Service instances the gateway leaves out because it could not reach them lately")
                .register(meters);
        return unreachable;
    }
}
