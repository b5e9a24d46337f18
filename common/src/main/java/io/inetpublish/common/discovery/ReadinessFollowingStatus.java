package io.inetpublish.common.discovery;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import lombok.extern.slf4j.Slf4j;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * What the registry says of this instance follows what it needs to answer requests: while one of the health
 * indicators it follows is not UP — {@code readinessState} (the application has not finished starting: Spring Boot
 * says ACCEPTING_TRAFFIC only once every runner has run, while Eureka's client registers the instance as soon as
 * its web server listens, on a busy host 7 s earlier, docs/bench-failover.md), {@code db} (its database cannot be
 * reached) or {@code signingKeys} (it has not read auth-service's signing keys yet, so it could check no token: a
 * fresh instance while auth-service is down or still starting) — the instance reports DOWN to Eureka, and the gateway and the other services, which take only UP
 * instances from their registry copies, do not send it requests it could only fail; once all are UP it reports UP.
 * Kubernetes' readiness probe says the same to Kubernetes (readiness group {@code readinessState,db,signingKeys}),
 * but the platform's callers find instances through Eureka, not Kubernetes' endpoints.
 * <p>
 * Eureka's client asks this at every instance-info replication ({@code
 * eureka.client.instance-info-replication-interval-seconds}) and sends a changed status at once. It changes only
 * UP and DOWN: STARTING and OUT_OF_SERVICE stay as they are set, and an instance that is leaving the registry on
 * shutdown ({@link LeaveRegistryFirst}) stays DOWN whatever its indicators say. When the application becomes ready,
 * {@link ReportWhenReady} asks at once instead of at the next replication. An indicator the service does not have
 * (auth-service reads no signing keys, discovery has no database) is not followed; with none, the status stays as it is.
 */
@Slf4j
final class ReadinessFollowingStatus implements HealthCheckHandler {

    /** The health indicators followed, by their names in the health registry. */
    static final List<String> FOLLOWED = List.of("readinessState", "db", "signingKeys");

    private final Function<String, HealthContributor> contributors;
    private final BooleanSupplier leaving;

    ReadinessFollowingStatus(Function<String, HealthContributor> contributors, BooleanSupplier leaving) {
        this.contributors = contributors;
        this.leaving = leaving;
    }

    @Override
    public InstanceStatus getStatus(InstanceStatus current) {
        if (current != InstanceStatus.UP && current != InstanceStatus.DOWN) {
            return current;
        }
        if (leaving.getAsBoolean()) {
            return InstanceStatus.DOWN;
        }
        boolean anyFollowed = false;
        String notUp = null;
        for (String name : FOLLOWED) {
            if (contributors.apply(name) instanceof HealthIndicator indicator) {
                anyFollowed = true;
                if (notUp == null && !Status.UP.equals(indicator.health(false).getStatus())) {
                    notUp = name;
                }
            }
        }
        if (!anyFollowed) {
            return current;
        }
        InstanceStatus status = notUp == null ? InstanceStatus.UP : InstanceStatus.DOWN;
        if (status != current) {
            log.warn("{}: reporting {} to the registry", notUp == null ? "Ready again" : "Health indicator '" + notUp
                    + "' is not UP", status);
        }
        return status;
    }
}
