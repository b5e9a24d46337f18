package io.inetpublish.loadbalancing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import lombok.extern.slf4j.Slf4j;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Instances of other services a process could not reach lately: its load balancers ({@link SkipUnreachableInstances})
 * leave them out for a while ({@code skipFor}: the gateway's {@code inetpublish.gateway.skip-unreachable-for}, a
 * service's {@code inetpublish.discovery.skip-unreachable-for}, 10 s each), then try them again. A dead instance stays
 * in the registry until its lease expires (15 s, plus the registry and cache refreshes); without this, every request
 * that picked it failed, and the failures opened the caller's circuit breaker for the live instances too
 * (bench/failover, docs/bench-failover.md). When every instance of a service is out, the one back soonest is offered
 * (there is nothing better to try): an instance that failed once lately is tried before one that keeps failing, rather
 * than round robin over them all. The gateway reports the instances whose requests did not get an answer (its routes' own
 * rule: a timeout too, HungInstanceGuard); a service's calls report the errors that say the instance was not reached
 * ({@link #notReached}) or did not answer in time ({@link #noAnswerInTime}: a hung instance accepts connections and
 * never answers, and without this each call that picked it waited its whole read timeout until the registry dropped
 * the host, ~40 s: bench/failover FAILOVER_MODE=stop). A slow but live instance is left out the same way; with every
 * instance out, the one back soonest still gets the calls, so a single instance is never left without them.
 *
 * <p>Besides, one request that is sent once more never goes back to an instance it already tried while another one
 * is registered ({@link #TRIED}): not when the one that failed is out (the usual case), not when every instance is out,
 * not when another request's failure or answer changed the picture in between.
 */
@Slf4j
public class UnreachableInstances {

    /**
     * The request attribute (a gateway exchange's, which its load balancer reads as the request's) naming the instances
     * one request already went to ({@code host:port}, {@link #tried}): its next try is sent to another one.
     */
    public static final String TRIED = UnreachableInstances.class.getName() + ".tried";

    private final Duration skipFor;
    private final Duration probeFor;
    private final InstantSource clock;
    private final Map<String, Mark> until = new ConcurrentHashMap<>();

    public UnreachableInstances(Duration skipFor, InstantSource clock) {
        this(skipFor, Duration.ZERO, clock);
    }

    /**
     * With {@code probeFor} above zero, an instance whose time out is over is given to one request alone, the probe:
     * the others keep leaving it out for {@code probeFor} more (enough for the probe to fail: the caller's timeout),
     * then it is in again, unless the probe failed (out for {@code skipFor} again). Without it, every request that picks
     * the instance before the first of them fails meets it again (for a hung instance: a read timeout each). For a
     * caller that reports the instances that did not answer on every request (the gateway: HungInstanceGuard).
     */
    public UnreachableInstances(Duration skipFor, Duration probeFor, InstantSource clock) {
        this.skipFor = skipFor;
        this.probeFor = probeFor;
        this.clock = clock;
    }

    /** The instance at this address (scheme, host and port of a request URL) did not answer. */
    public void failed(URI address) {
        String key = key(address);
        if (key != null) {
            leaveOut(key, "did not answer");
        }
    }

    /**
     * Notes in a request's attributes that it went to the instance at this address (a request URL), so that its next
     * try is sent to another one ({@link #reachable(List, Collection)} with {@link #triedBy}).
     */
    public static void tried(Map<String, Object> attributes, URI address) {
        String key = key(address);
        if (key != null) {
            triedSet(attributes).add(key);
        }
    }

    /** host:port of the instances a request with these attributes already went to ({@link #tried}). */
    public static Set<String> triedBy(Map<String, Object> attributes) {
        return attributes != null && attributes.containsKey(TRIED) ? triedSet(attributes) : Set.of();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> triedSet(Map<String, Object> attributes) {
        return (Set<String>) attributes.computeIfAbsent(TRIED, name -> ConcurrentHashMap.<String>newKeySet());
    }

    /**
     * The call to this instance failed with this error: left out when the error says the instance was not reached or
     * did not answer within the call's read timeout (an answer, an error answer included, never counts).
     */
    public void failed(ServiceInstance instance, Throwable error) {
        if (instance != null && instance.getHost() != null && (notReached(error) || noAnswerInTime(error))) {
            leaveOut(key(instance), instance.getServiceId() + " did not answer (" + error + ")");
        }
    }

    /** The instances worth trying now: all but those out; when every one is out, the one back soonest. */
    public List<ServiceInstance> reachable(List<ServiceInstance> instances) {
        return reachable(instances, Set.of());
    }

    /**
     * The instances worth trying now for a request that already went to {@code tried} (host:port): those it did not
     * try, all but those out; when every one of them is out, the one back soonest. Only when it tried every instance
     * does it get one of those again (there is nothing else).
     */
    public List<ServiceInstance> reachable(List<ServiceInstance> instances, Collection<String> tried) {
        List<ServiceInstance> untried = tried.isEmpty() ? instances
                : instances.stream().filter(i -> !tried.contains(key(i))).toList();
        List<ServiceInstance> candidates = untried.isEmpty() ? instances : untried;
        ServiceInstance probe = probe(candidates);
        if (probe != null) {
            return List.of(probe);
        }
        List<ServiceInstance> in = candidates.stream().filter(i -> !isOut(key(i))).toList();
        if (!in.isEmpty() || candidates.size() < 2) {
            return in.isEmpty() ? candidates : in;
        }
        // every one is out: the one that comes back first failed longest ago (a hung or dead instance that is tried
        // again fails again and goes to the back), rather than round robin over them all
        return candidates.stream().min(Comparator.comparing(this::outUntil)).map(List::of).orElse(candidates);
    }

    /**
     * The instance whose time out is over that this request is to try alone, its mark moved on by {@code probeFor} for
     * the others (one request wins it); null when there is none, or when probing is off.
     */
    private ServiceInstance probe(List<ServiceInstance> candidates) {
        if (probeFor.isZero() || until.isEmpty() || candidates.size() < 2) {
            return null;
        }
        Instant now = clock.instant();
        for (ServiceInstance instance : candidates) {
            String key = key(instance);
            Mark mark = until.get(key);
            if (mark != null && !mark.probe() && !now.isBefore(mark.end())
                    && until.replace(key, mark, new Mark(now.plus(probeFor), true))) {
                log.info("Instance {}: tried again by one request, left out for the others for {} ms more", key,
                        probeFor.toMillis());
                return instance;
            }
        }
        return null;
    }

    /** host:port of the instances left out now. */
    public List<String> skipped() {
        return until.keySet().stream().filter(this::isOut).toList();
    }

    /**
     * Whether the error says a request was sent and no answer came within the caller's read timeout (a socket's, the
     * JDK HTTP client's): the instance may have acted on it, so the request is not sent again for this alone
     * ({@link #notReached} decides that), but the instance is left out for the calls after it.
     */
    public static boolean noAnswerInTime(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
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

    private void leaveOut(String key, String why) {
        Mark before = until.put(key, new Mark(clock.instant().plus(skipFor), false));
        if (before == null || before.probe()) {
            log.warn("Instance {}: {}; left out of the load balancing for {} s", key, why, skipFor.toSeconds());
        }
    }

    /**
     * Whether the instance is left out now. Its time out over, it is in again - with probing, only once the probe's
     * {@code probeFor} is over too (until then it waits for a request to probe it, {@link #probe}).
     */
    private boolean isOut(String key) {
        Mark mark = until.get(key);
        if (mark == null) {
            return false;
        }
        if (!clock.instant().isBefore(mark.end())) {
            if (mark.probe() || probeFor.isZero()) {
                until.remove(key, mark);
            }
            return false;
        }
        return true;
    }

    /** Left out until {@code end}; {@code probe}: the time one request has to try it again is running. */
    private record Mark(Instant end, boolean probe) {
    }

    private Instant outUntil(ServiceInstance instance) {
        Mark mark = until.get(key(instance));
        return mark == null ? Instant.MIN : mark.end();
    }

    private static String key(ServiceInstance instance) {
        return key(instance.getHost(), instance.getPort());
    }

    /** host:port of the instance a request URL names; null for one that names none ({@code lb://}, relative). */
    private static String key(URI address) {
        return address != null && address.getHost() != null && address.getPort() >= 0
                && !"lb".equals(address.getScheme()) ? key(address.getHost(), address.getPort()) : null;
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
