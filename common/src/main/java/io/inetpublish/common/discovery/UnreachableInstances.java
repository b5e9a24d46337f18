package io.inetpublish.common.discovery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import lombok.extern.slf4j.Slf4j;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Instances of other services this service could not reach lately (refused connection, no route, connect timeout):
 * its load-balanced calls (Feign, {@code lb://}) leave them out for {@code inetpublish.discovery.skip-unreachable-for}
 * (10 s), then try them again. A dead instance stays in the registry until its lease expires (15 s, plus the registry
 * and cache refreshes); without this, every call that picked it failed, and the failures opened the caller's circuit
 * breaker for the live instances too (bench/failover, docs/bench-failover.md: writes refused for 56 s after a host
 * died). When every instance of a service is out, all are offered again. The gateway does the same for its routes
 * (its own copy: it is reactive and does not use common).
 */
@Slf4j
public class UnreachableInstances {

    private final Duration skipFor;
    private final Clock clock;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    public UnreachableInstances(Duration skipFor, Clock clock) {
        this.skipFor = skipFor;
        this.clock = clock;
    }

    /** The call to this instance failed with this error: left out when the error says the instance did not answer. */
    public void failed(ServiceInstance instance, Throwable error) {
        if (instance != null && instance.getHost() != null && notReached(error)) {
            String key = key(instance.getHost(), instance.getPort());
            if (until.put(key, clock.instant().plus(skipFor)) == null) {
                log.warn("{} at {} did not answer ({}): left out of the load balancing for {} s",
                        instance.getServiceId(), key, error, skipFor.toSeconds());
            }
        }
    }

    /** The instances worth trying now: all but those out; all of them when every one is out. */
    public List<ServiceInstance> reachable(List<ServiceInstance> instances) {
        List<ServiceInstance> in = instances.stream().filter(i -> !isOut(key(i.getHost(), i.getPort()))).toList();
        return in.isEmpty() ? instances : in;
    }

    public List<String> skipped() {
        return until.keySet().stream().filter(this::isOut).toList();
    }

    /**
     * Whether an error means the request never reached a live process: refused, no route, or no connection in time.
     * A read timeout after the request was sent is not one of them (the instance is there, only slow; and a write may
     * have been applied): the circuit breaker and the caller's retry policy handle those.
     */
    static boolean notReached(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ConnectException || e instanceof NoRouteToHostException
                    || e instanceof HttpConnectTimeoutException) {
                return true;
            }
            if (e instanceof SocketTimeoutException timeout && timeout.getMessage() != null
                    && timeout.getMessage().toLowerCase(Locale.ROOT).contains("connect")) {
                return true;
            }
            if (e instanceof IOException io && io.getMessage() != null
                    && io.getMessage().toLowerCase(Locale.ROOT).contains("connection refused")) {
                return true;
            }
        }
        return false;
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
