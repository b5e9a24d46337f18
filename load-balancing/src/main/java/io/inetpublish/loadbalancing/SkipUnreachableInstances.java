package io.inetpublish.loadbalancing;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;

/**
 * A load balancer's instance list without the instances that did not answer lately ({@link UnreachableInstances}):
 * the last step of the list every load balancer of the gateway and of a service's own calls uses (registry, cached,
 * then this; {@link #of}).
 */
public class SkipUnreachableInstances extends DelegatingServiceInstanceListSupplier {

    private final UnreachableInstances unreachable;

    public SkipUnreachableInstances(ServiceInstanceListSupplier delegate, UnreachableInstances unreachable) {
        super(delegate);
        this.unreachable = unreachable;
    }

    /** {@code registry} (the discovery client's list, blocking or reactive), cached, without the unreachable ones. */
    public static ServiceInstanceListSupplier of(ServiceInstanceListSupplierBuilder registry,
            ConfigurableApplicationContext context) {
        return registry.withCaching()
                .with((ctx, delegate) -> new SkipUnreachableInstances(delegate, ctx.getBean(UnreachableInstances.class)))
                .build(context);
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return delegate.get().map(unreachable::reachable);
    }

    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        return delegate.get(request).map(unreachable::reachable);
    }
}
