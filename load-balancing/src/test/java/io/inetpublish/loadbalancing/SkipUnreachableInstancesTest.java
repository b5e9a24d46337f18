package io.inetpublish.loadbalancing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import reactor.core.publisher.Flux;

/**
 * The list a load balancer picks from, asked as the gateway asks it: with the request's data, whose attributes are
 * the exchange's (Spring Cloud Gateway's ReactiveLoadBalancerClientFilter), so a request tried again is not given the
 * instance it already went to.
 */
class SkipUnreachableInstancesTest {

    final UnreachableInstances unreachable = new UnreachableInstances(Duration.ofSeconds(10), Clock.systemUTC());
    final List<ServiceInstance> both = List.of(
            new DefaultServiceInstance("a", "customer-service", "10.77.0.11", 8083, false),
            new DefaultServiceInstance("b", "customer-service", "10.77.0.12", 8083, false));
    final SkipUnreachableInstances supplier = new SkipUnreachableInstances(new Fixed(both), unreachable);
    final Map<String, Object> exchangeAttributes = new ConcurrentHashMap<>();

    Request<RequestDataContext> request() {
        return new DefaultRequest<>(new RequestDataContext(new RequestData(HttpMethod.GET,
                URI.create("http://gateway/api/customers"), new HttpHeaders(), new LinkedMultiValueMap<>(),
                exchangeAttributes)));
    }

    List<String> hosts(Flux<List<ServiceInstance>> instances) {
        return instances.blockFirst().stream().map(ServiceInstance::getHost).toList();
    }

    @Test
    void aRequestIsNotGivenTheInstanceItAlreadyWentTo() {
        assertThat(hosts(supplier.get(request()))).containsExactly("10.77.0.11", "10.77.0.12");

        UnreachableInstances.tried(exchangeAttributes, URI.create("http://10.77.0.11:8083/api/customers"));
        assertThat(hosts(supplier.get(request()))).containsExactly("10.77.0.12");
        // another request (its own attributes), and a caller that gives no request data, get both
        assertThat(hosts(supplier.get())).containsExactly("10.77.0.11", "10.77.0.12");
        assertThat(hosts(supplier.get(new DefaultRequest<>()))).containsExactly("10.77.0.11", "10.77.0.12");
    }

    @Test
    void leavesOutWhatDidNotAnswerForEveryRequest() {
        unreachable.failed(URI.create("http://10.77.0.12:8083/api/customers"));

        assertThat(hosts(supplier.get(request()))).containsExactly("10.77.0.11");
        assertThat(hosts(supplier.get())).containsExactly("10.77.0.11");
    }

    record Fixed(List<ServiceInstance> instances) implements ServiceInstanceListSupplier {

        @Override
        public String getServiceId() {
            return "customer-service";
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return Flux.just(instances);
        }
    }
}
