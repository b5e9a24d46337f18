package io.inetpublish.gateway.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.stereotype.Component;

/**
 * Instances the gateway could not reach lately (a refused or reset connection, no answer in time): the load balancer
 * leaves them out for {@code inetpublish.gateway.skip-unreachable-for}, then tries them again. The registry drops a
 * dead instance only when its lease expires (15 s, plus the registry and cache refreshes); until then, without this,
 * every other request went to the dead one, the route's circuit breaker saw half its calls fail and answered 503 for
 * the healthy instance too (bench/failover, docs/bench-failover.md). When every instance of a service is out, all
 * are offered again (there is nothing better to try).
 */
@Slf4j
@Component
class UnreachableInstances {

    private final Duration skipFor;
    private final Clock clock;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    @Autowired
    UnreachableInstances(@Value("${inetpublish.gateway.skip-unreachable-for:10s}") Duration skipFor,
            MeterRegistry meters) {
        this(skipFor, Clock.systemUTC());
        Gauge.builder("inetpublish.gateway.instances.skipped", this, u -> u.skipped().size())
                .description("Service instances the gateway leaves out because it could not reach them lately")
                .register(meters);
    }

    UnreachableInstances(Duration skipFor, Clock clock) {
        this.skipFor = skipFor;
        this.clock = clock;
    }

    /** The instance at this address (scheme, host and port of a request URL) did not answer. */
    void failed(URI address) {
        if (address == null || address.getHost() == null || address.getPort() < 0 || "lb".equals(address.getScheme())) {
            return;
        }
        String key = key(address.getHost(), address.getPort());
        if (until.put(key, clock.instant().plus(skipFor)) == null) {
            log.warn("Instance {} did not answer: left out of the load balancing for {} s", key, skipFor.toSeconds());
        }
    }

    /** The instances worth trying now: all but those out; all of them when every one is out. */
    List<ServiceInstance> reachable(List<ServiceInstance> instances) {
        List<ServiceInstance> in = instances.stream().filter(i -> !isOut(key(i.getHost(), i.getPort()))).toList();
        return in.isEmpty() ? instances : in;
    }

    List<String> skipped() {
        return until.keySet().stream().filter(this::isOut).toList();
    }

    private boolean isOut(String key) {
        Instant end = until.get(key);
        if (end == null) {
            return false;
        }
        if (!clock.instant().isBefore(end)) {
            until.remove(key, end);
            return false;
        }
        return true;
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
