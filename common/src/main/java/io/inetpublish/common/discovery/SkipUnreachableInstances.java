package io.inetpublish.common.discovery;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Flux;

/**
 * Every load balancer of this service's calls to another (Feign clients, {@code lb://} addresses) leaves out the
 * instances that did not answer lately ({@link UnreachableInstances}), and reports the instances that do not.
 */
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

    /** Made once per called service, in its load balancer's own context (not scanned: it is not a @Configuration). */
    static class PerService {

        @Bean
        ServiceInstanceListSupplier serviceInstanceListSupplier(ConfigurableApplicationContext context) {
            return ServiceInstanceListSupplier.builder().withBlockingDiscoveryClient().withCaching()
                    .with((ctx, delegate) -> new SkipUnreachableInstances(delegate,
                            ctx.getBean(UnreachableInstances.class)))
                    .build(context);
        }

        /** A call through this load balancer that ended with an error: the instance it went to may be out. */
        @Bean
        LoadBalancerLifecycle<Object, Object, ServiceInstance> reportUnreachable(ConfigurableApplicationContext context) {
            UnreachableInstances unreachable = context.getBean(UnreachableInstances.class);
            return new LoadBalancerLifecycle<>() {
                @Override
                public void onStart(Request<Object> request) {
                }

                @Override
                public void onStartRequest(Request<Object> request,
                        org.springframework.cloud.client.loadbalancer.Response<ServiceInstance> lbResponse) {
                }

                @Override
                public void onComplete(CompletionContext<Object, ServiceInstance, Object> completion) {
                    if (completion.status() == CompletionContext.Status.FAILED && completion.getLoadBalancerResponse() != null) {
                        unreachable.failed(completion.getLoadBalancerResponse().getServer(), completion.getThrowable());
                    }
                }
            };
        }
    }
}
