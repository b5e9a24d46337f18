package io.inetpublish.common.discovery;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;

/**
 * The moment the application is ready (ACCEPTING_TRAFFIC), the registry status is worked out again
 * ({@link ReadinessFollowingStatus}) and, when it changed, set: Eureka's client sends a changed status at once, so a
 * starting instance is UP in the registry as soon as it can serve, not up to one replication interval (1 s) later; when Eureka's rate limit drops that at once, the
 * next replication sends it.
 */
final class ReportWhenReady {

    private final ApplicationInfoManager instance;
    private final HealthCheckHandler status;

    ReportWhenReady(ApplicationInfoManager instance, HealthCheckHandler status) {
        this.instance = instance;
        this.status = status;
    }

    @EventListener
    void readinessChanged(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return;
        }
        InstanceStatus current = instance.getInfo().getStatus();
        InstanceStatus now = status.getStatus(current);
        if (now != null && now != current) {
            instance.setInstanceStatus(now);
        }
    }
}
