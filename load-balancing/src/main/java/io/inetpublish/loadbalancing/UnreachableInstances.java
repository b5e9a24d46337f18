package io.inetpublish.loadbalancing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import lombok.extern.slf4j.Slf4j;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Instances of other services a process could not reach lately: its load balancers ({@link SkipUnreachableInstances})
 * leave them out for a while ({@code skipFor}: the gateway's {@code inetpublish.gateway.skip-unreachable-for}, a
 * service's {@code inetpublish.discovery.skip-unreachable-for}, 10 s each), then try them again. A dead instance stays
 * in the registry until its lease expires (15 s, plus the registry and cache refreshes); without this, every request
 * that picked it failed, and the failures opened the caller's circuit breaker for the live instances too
 * (bench/failover, docs/bench-failover.md). When every instance of a service is out, all are offered again (there is
 * nothing better to try). The gateway reports the instances whose requests did not get an answer (its routes' own
 * rule: a timeout too, HungInstanceGuard); a service's calls report only errors that say the instance was not reached
 * ({@link #notReached}).
 */
@Slf4j
public class UnreachableInstances {

    private final Duration skipFor;
    private final InstantSource clock;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    public UnreachableInstances(Duration skipFor, InstantSource clock) {
        this.skipFor = skipFor;
        this.clock = clock;
    }

    /** The instance at this address (scheme, host and port of a request URL) did not answer. */
    public void failed(URI address) {
        if (address != null && address.getHost() != null && address.getPort() >= 0
                && !"lb".equals(address.getScheme())) {
            leaveOut(address.getHost(), address.getPort(), "did not answer");
        }
    }

    /** The call to this instance failed with this error: left out when the error says the instance was not reached. */
    public void failed(ServiceInstance instance, Throwable error) {
        if (instance != null && instance.getHost() != null && notReached(error)) {
            leaveOut(instance.getHost(), instance.getPort(), instance.getServiceId() + " did not answer (" + error + ")");
        }
    }

    /** The instances worth trying now: all but those out; all of them when every one is out. */
    public List<ServiceInstance> reachable(List<ServiceInstance> instances) {
        List<ServiceInstance> in = instances.stream().filter(i -> !isOut(key(i.getHost(), i.getPort()))).toList();
        return in.isEmpty() ? instances : in;
    }

    /** host:port of the instances left out now. */
    public List<String> skipped() {
        return until.keySet().stream().filter(this::isOut).toList();
    }

    /**
     * Whether an error means the request never reached a live process: refused, no route, or no connection in time.
     * A read timeout after the request was sent is not one of them (the instance is there, only slow; and a write may
     * have been applied): the circuit breaker and the caller's retry policy handle those.
     */
    public static boolean notReached(Throwable error) {
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

    private void leaveOut(String host, int port, String why) {
        String key = key(host, port);
        if (until.put(key, clock.instant().plus(skipFor)) == null) {
            log.warn("Instance {}: {}; left out of the load balancing for {} s", key, why, skipFor.toSeconds());
        }
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
