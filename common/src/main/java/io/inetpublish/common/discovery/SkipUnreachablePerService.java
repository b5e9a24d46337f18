package io.inetpublish.common.discovery;

import io.inetpublish.loadbalancing.SkipUnreachableInstances;
import io.inetpublish.loadbalancing.UnreachableInstances;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The load balancer of each service this service calls, made in that load balancer's own context
 * ({@link SkipUnreachableAutoConfiguration}'s {@code @LoadBalancerClients}): the registry's instances without the ones
 * that did not answer lately, and the report of those that do not. A class of its own: nested in the auto-configuration
 * its {@code @Bean} methods would be read into the application's context too (where no service is named).
 */
class SkipUnreachablePerService {

    /** The registry's instances (blocking discovery client), cached, without the unreachable ones. */
    @Bean
    ServiceInstanceListSupplier serviceInstanceListSupplier(ConfigurableApplicationContext context) {
        return SkipUnreachableInstances.of(ServiceInstanceListSupplier.builder().withBlockingDiscoveryClient(),
                context);
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
            public void onStartRequest(Request<Object> request, Response<ServiceInstance> lbResponse) {
            }

            @Override
            public void onComplete(CompletionContext<Object, ServiceInstance, Object> completion) {
                if (completion.status() == CompletionContext.Status.FAILED
                        && completion.getLoadBalancerResponse() != null) {
                    unreachable.failed(completion.getLoadBalancerResponse().getServer(), completion.getThrowable());
                }
            }
        };
    }
}
