package io.inetpublish.loadbalancing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/** What is left out and for how long, by the gateway's reports (a request URL) and a service's (an instance and an error). */
class UnreachableInstancesTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T12:00:00Z"));
    final UnreachableInstances unreachable = new UnreachableInstances(Duration.ofSeconds(10), now::get);

    static ServiceInstance instance(String host, int port) {
        return new DefaultServiceInstance(host + port, "customer-service", host, port, false);
    }

    final List<ServiceInstance> both = List.of(instance("10.77.0.11", 8083), instance("10.77.0.12", 8083));

    @Test
    void leavesAnInstanceOutForAWhileThenTriesItAgain() {
        unreachable.failed(URI.create("http://10.77.0.11:8083/api/customers?size=20"));

        assertThat(unreachable.reachable(both)).extracting(ServiceInstance::getHost).containsExactly("10.77.0.12");
        now.set(now.get().plusSeconds(9));
        assertThat(unreachable.reachable(both)).hasSize(1);
        now.set(now.get().plusSeconds(1));
        assertThat(unreachable.reachable(both)).hasSize(2);
        assertThat(unreachable.skipped()).isEmpty();
    }

    /**
     * The gateway's: when an instance's time out is over, one request tries it; without probing (as above, and as it
     * was for the gateway too) every request that picked it then met it, for a hung instance until the first of them
     * timed out.
     */
    @Test
    void withProbingOneRequestTriesAnInstanceAgainAndTheOthersWaitForItsOutcome() {
        UnreachableInstances probing = new UnreachableInstances(Duration.ofSeconds(10), Duration.ofSeconds(6), now::get);
        probing.failed(URI.create("http://10.77.0.11:8083/x"));
        now.set(now.get().plusSeconds(10));
        // a look at what is left out (the gauge) does not take the probe
        assertThat(probing.skipped()).isEmpty();

        assertThat(probing.reachable(both)).extracting(ServiceInstance::getHost).containsExactly("10.77.0.11");
        for (int i = 0; i < 3; i++) {
            assertThat(probing.reachable(both)).extracting(ServiceInstance::getHost).containsExactly("10.77.0.12");
        }
        assertThat(probing.skipped()).containsExactly("10.77.0.11:8083");
        // the probe did not fail: in again for every request once its time is over
        now.set(now.get().plusSeconds(6));
        assertThat(probing.reachable(both)).hasSize(2);
        assertThat(probing.reachable(both)).hasSize(2);
        assertThat(probing.skipped()).isEmpty();

        // the probe failed (a hung instance: the read timeout): out for the whole window again, then probed again
        probing.failed(URI.create("http://10.77.0.11:8083/x"));
        now.set(now.get().plusSeconds(10));
        assertThat(probing.reachable(both)).extracting(ServiceInstance::getHost).containsExactly("10.77.0.11");
        now.set(now.get().plusSeconds(5));
        probing.failed(URI.create("http://10.77.0.11:8083/x"));
        now.set(now.get().plusSeconds(9));
        assertThat(probing.reachable(both)).extracting(ServiceInstance::getHost).containsExactly("10.77.0.12");
        now.set(now.get().plusSeconds(1));
        assertThat(probing.reachable(both)).extracting(ServiceInstance::getHost).containsExactly("10.77.0.11");
        // a request that already went to it, or an only instance, is not a probe
        now.set(now.get().plusSeconds(20));
        assertThat(probing.reachable(both, Set.of("10.77.0.11:8083"))).extracting(ServiceInstance::getHost)
                .containsExactly("10.77.0.12");
        assertThat(probing.reachable(both.subList(0, 1))).hasSize(1);
    }

    @Test
    void offersTheOneBackSoonestWhenEveryInstanceIsOut() {
        unreachable.failed(URI.create("http://10.77.0.12:8083/x"));
        now.set(now.get().plusSeconds(1));
        unreachable.failed(URI.create("http://10.77.0.11:8083/x"));

        // .12 failed longest ago; .11 failed just now (hung or dead): not round robin over both
        assertThat(unreachable.reachable(both)).extracting(ServiceInstance::getHost).containsExactly("10.77.0.12");
        // failing again sends it to the back
        unreachable.failed(URI.create("http://10.77.0.12:8083/x"));
        assertThat(unreachable.reachable(both)).extracting(ServiceInstance::getHost).containsExactly("10.77.0.11");
        // the only instance is offered however often it failed
        assertThat(unreachable.reachable(both.subList(0, 1))).isEqualTo(both.subList(0, 1));
    }

    @Test
    void aRequestTriedAgainGoesToAnotherInstanceThanItTriedWheneverThereIsOne() {
        Map<String, Object> attributes = new HashMap<>();
        assertThat(UnreachableInstances.triedBy(attributes)).isEmpty();
        UnreachableInstances.tried(attributes, URI.create("http://10.77.0.11:8083/api/customers"));
        Set<String> tried = UnreachableInstances.triedBy(attributes);
        assertThat(tried).containsExactly("10.77.0.11:8083");

        // neither is out
        assertThat(unreachable.reachable(both, tried)).extracting(ServiceInstance::getHost).containsExactly("10.77.0.12");
        // both are out, and the one it tried would be back first
        unreachable.failed(URI.create("http://10.77.0.11:8083/x"));
        now.set(now.get().plusSeconds(1));
        unreachable.failed(URI.create("http://10.77.0.12:8083/x"));
        assertThat(unreachable.reachable(both, tried)).extracting(ServiceInstance::getHost).containsExactly("10.77.0.12");
        // it tried every one: the one back soonest again (there is nothing else)
        UnreachableInstances.tried(attributes, URI.create("http://10.77.0.12:8083/api/customers"));
        assertThat(unreachable.reachable(both, tried)).extracting(ServiceInstance::getHost).containsExactly("10.77.0.11");
        // addresses that name no instance are not noted
        UnreachableInstances.tried(attributes, URI.create("lb://customer-service/api/customers"));
        UnreachableInstances.tried(attributes, null);
        assertThat(tried).hasSize(2);
    }

    @Test
    void ignoresAddressesThatNameNoInstance() {
        unreachable.failed(null);
        unreachable.failed(URI.create("lb://customer-service/api/customers"));
        unreachable.failed(URI.create("/api/customers"));

        assertThat(unreachable.skipped()).isEmpty();
        // another port on the same host is another instance
        unreachable.failed(URI.create("http://10.77.0.11:9999/x"));
        assertThat(unreachable.reachable(both)).hasSize(2);
    }

    @Test
    void aServiceCallLeavesOutAnInstanceItDidNotReach() {
        unreachable.failed(both.get(0), new IllegalStateException("answered 500"));
        assertThat(unreachable.reachable(both)).hasSize(2);

        unreachable.failed(both.get(0), new RuntimeException("I/O error", new ConnectException("Connection refused")));
        assertThat(unreachable.skipped()).containsExactly("10.77.0.11:8083");
    }

    @Test
    void aServiceCallLeavesOutAnInstanceThatDidNotAnswerInTime() {
        // a hung instance (bench/failover FAILOVER_MODE=stop): Feign's read timeout, the JDK client's request timeout
        unreachable.failed(both.get(0), new RuntimeException("Read timed out executing GET http://customer-service/x",
                new SocketTimeoutException("Read timed out")));
        unreachable.failed(both.get(1), new HttpTimeoutException("request timed out"));
        assertThat(unreachable.skipped()).containsExactlyInAnyOrder("10.77.0.11:8083", "10.77.0.12:8083");
        assertThat(UnreachableInstances.noAnswerInTime(new IllegalStateException("answered 504"))).isFalse();
        assertThat(UnreachableInstances.noAnswerInTime(null)).isFalse();
    }

    @Test
    void onlyErrorsThatSayTheInstanceWasNotReachedCount() {
        assertThat(UnreachableInstances.notReached(new RuntimeException("I/O error",
                new ConnectException("Connection refused")))).isTrue();
        assertThat(UnreachableInstances.notReached(new SocketTimeoutException("Connect timed out"))).isTrue();
        // sent, then no answer in time: the instance is there (and a write may have been applied)
        assertThat(UnreachableInstances.notReached(new SocketTimeoutException("Read timed out"))).isFalse();
        assertThat(UnreachableInstances.notReached(new IllegalStateException("answered 500"))).isFalse();
        assertThat(UnreachableInstances.notReached(null)).isFalse();
    }
}
