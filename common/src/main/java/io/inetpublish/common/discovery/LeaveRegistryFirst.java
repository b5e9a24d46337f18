package io.inetpublish.common.discovery;

import java.time.Duration;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import lombok.extern.slf4j.Slf4j;
import org.springframework.context.SmartLifecycle;

/**
 * On shutdown, leave the registry before draining. The gateway and the other services find instances through Eureka,
 * not through Kubernetes' endpoints, so a pod's preStop pause alone does not stop their traffic: the instance stays
 * UP in every registry copy until it is gone. This lifecycle is stopped first (highest phase, before the web server's
 * graceful shutdown): it reports the instance DOWN to Eureka (sent at once, not at the next heartbeat), then keeps
 * serving for {@code inetpublish.shutdown.leave-registry-wait} while the registries and the callers' caches (registry
 * fetch every 5 s, the server's response cache 3 s, the load balancer's cache) forget it; only then does Spring drain
 * the requests in flight and stop. Zero (the local run's default) reports DOWN and goes on at once.
 */
@Slf4j
class LeaveRegistryFirst implements SmartLifecycle {

    private final ApplicationInfoManager instance;
    private final Duration wait;
    private volatile boolean running;
    private volatile boolean leaving;

    LeaveRegistryFirst(ApplicationInfoManager instance, Duration wait) {
        this.instance = instance;
        this.wait = wait;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        leaving = true;
        instance.setInstanceStatus(InstanceStatus.DOWN);
        if (wait.isZero() || wait.isNegative()) {
            return;
        }
        log.info("Shutting down: reported DOWN to the registry; serving {} s more before draining", wait.toSeconds());
        try {
            Thread.sleep(wait);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the instance has begun leaving the registry (then it stays DOWN: {@link ReadinessFollowingStatus}). */
    boolean leaving() {
        return leaving;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before everything else, the web server's graceful shutdown included. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
