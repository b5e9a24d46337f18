package io.inetpublish.gateway.web;

import io.inetpublish.loadbalancing.SkipUnreachableInstances;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The load balancer of each route's service, made in that load balancer's own context
 * ({@link SkipUnreachableLoadBalancing}'s {@code @LoadBalancerClients}; not scanned: it is not a component, and not
 * nested in a configuration class, whose member classes with {@code @Bean} methods are read into the application's
 * context too).
 */
class SkipUnreachablePerService {

    /** The registry's instances (reactive discovery client), cached, without the unreachable ones. */
    @Bean
    ServiceInstanceListSupplier serviceInstanceListSupplier(ConfigurableApplicationContext context) {
        return SkipUnreachableInstances.of(ServiceInstanceListSupplier.builder().withDiscoveryClient(), context);
    }
}
