package io.inetpublish.common.discovery;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import lombok.extern.slf4j.Slf4j;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * What the registry says of this instance follows its database: while the database cannot be reached (the health
 * indicator {@code db} is not UP) the instance reports DOWN to Eureka, and the gateway and the other services, which
 * take only UP instances from their registry copies, stop sending it requests it could only fail; once the database
 * answers again it reports UP. Kubernetes' readiness probe says the same to Kubernetes (readiness group
 * {@code readinessState,db}), but the platform's callers find instances through Eureka, not Kubernetes' endpoints.
 * <p>
 * Eureka's client asks this at every instance-info replication ({@code
 * eureka.client.instance-info-replication-interval-seconds}) and sends a changed status at once. It changes only
 * UP and DOWN: STARTING and OUT_OF_SERVICE stay as they are set, and an instance that is leaving the registry on
 * shutdown ({@link LeaveRegistryFirst}) stays DOWN whatever its database does. A service without a {@code db}
 * indicator keeps the status it has.
 */
@Slf4j
final class DatabaseFollowingStatus implements HealthCheckHandler {

    private final Supplier<HealthContributor> database;
    private final BooleanSupplier leaving;

    DatabaseFollowingStatus(Supplier<HealthContributor> database, BooleanSupplier leaving) {
        this.database = database;
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
        if (!(database.get() instanceof HealthIndicator indicator)) {
            return current;
        }
        boolean reachable = Status.UP.equals(indicator.health(false).getStatus());
        InstanceStatus status = reachable ? InstanceStatus.UP : InstanceStatus.DOWN;
        if (status != current) {
            log.warn("The database is {}: reporting {} to the registry", reachable ? "reachable again" : "unreachable",
                    status);
        }
        return status;
    }
}
