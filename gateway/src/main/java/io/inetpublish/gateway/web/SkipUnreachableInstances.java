package io.inetpublish.gateway.web;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

/** Every route's load balancer leaves out the instances the gateway could not reach lately ({@link UnreachableInstances}). */
class SkipUnreachableInstances extends DelegatingServiceInstanceListSupplier {

    private final UnreachableInstances unreachable;

    SkipUnreachableInstances(ServiceInstanceListSupplier delegate, UnreachableInstances unreachable) {
        super(delegate);
        this.unreachable = unreachable;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return delegate.get().map(unreachable::reachable);
    }

    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        return delegate.get(request).map(unreachable::reachable);
    }

    /** The instance list of every service: from the registry, cached, without the unreachable ones. */
    @Configuration(proxyBeanMethods = false)
    @LoadBalancerClients(defaultConfiguration = PerService.class)
    static class LoadBalancing {
    }

    /** Made once per service, in its load balancer's own context (not scanned: it is not a @Configuration). */
    static class PerService {

        @Bean
        ServiceInstanceListSupplier serviceInstanceListSupplier(ConfigurableApplicationContext context) {
            return ServiceInstanceListSupplier.builder().withDiscoveryClient().withCaching()
                    .with((ctx, delegate) -> new SkipUnreachableInstances(delegate,
                            ctx.getBean(UnreachableInstances.class)))
                    .build(context);
        }
    }
}
