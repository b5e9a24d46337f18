package io.inetpublish.loadbalancing;

import java.util.List;
import java.util.Set;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;

/**
 * A load balancer's instance list without the instances that did not answer lately ({@link UnreachableInstances}):
 * the last step of the list every load balancer of the gateway and of a service's own calls uses (registry, cached,
 * then this; {@link #of}), and without the instances the request itself already went to when it is sent once more
 * ({@link UnreachableInstances#TRIED}: the gateway's load balancer reads the exchange's attributes as the request's).
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
        Set<String> tried = request != null && request.getContext() instanceof RequestDataContext context
                && context.getClientRequest() != null
                ? UnreachableInstances.triedBy(context.getClientRequest().getAttributes()) : Set.of();
        return delegate.get(request).map(instances -> unreachable.reachable(instances, tried));
    }
}
