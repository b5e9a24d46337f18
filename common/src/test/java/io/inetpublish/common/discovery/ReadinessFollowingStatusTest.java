package io.inetpublish.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;
import org.springframework.cloud.netflix.eureka.EurekaInstanceConfigBean;
import com.netflix.discovery.StatusChangeEvent;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The status an instance reports to Eureka follows its readiness, its database and its signing keys, except while
 * starting, out of service or leaving; it is set the moment the application becomes ready.
 */
class ReadinessFollowingStatusTest {

    final AtomicReference<Health> readiness = new AtomicReference<>(Health.up().build());
    final AtomicReference<Health> database = new AtomicReference<>(Health.up().build());
    final AtomicReference<Health> signingKeys = new AtomicReference<>(Health.up().build());
    final AtomicBoolean leaving = new AtomicBoolean();
    final Map<String, HealthContributor> registry = new HashMap<>(Map.of(
            "readinessState", (HealthIndicator) readiness::get, "db", (HealthIndicator) database::get, "signingKeys", (HealthIndicator) signingKeys::get,
            "diskSpace", (HealthIndicator) () -> Health.down().build()));
    final ReadinessFollowingStatus status = new ReadinessFollowingStatus(registry::get, leaving::get);

    @Test
    void reportsDownWhileTheDatabaseIsUnreachableAndUpOnceItAnswers() {
        assertThat(status.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.UP);

        database.set(Health.down(new IllegalStateException("Connection refused")).build());
        assertThat(status.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.DOWN);
        assertThat(status.getStatus(InstanceStatus.DOWN)).isEqualTo(InstanceStatus.DOWN);

        database.set(Health.up().build());
        assertThat(status.getStatus(InstanceStatus.DOWN)).isEqualTo(InstanceStatus.UP);
    }

    @Test
    void reportsDownUntilTheSigningKeysWereRead() {
        signingKeys.set(Health.down().withDetail("reason", "auth-service's signing keys have not been read yet").build());
        assertThat(status.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.DOWN);

        signingKeys.set(Health.up().build());
        assertThat(status.getStatus(InstanceStatus.DOWN)).isEqualTo(InstanceStatus.UP);
    }

    @Test
    void reportsDownUntilTheApplicationIsReady() {
        readiness.set(Health.outOfService().build()); // REFUSING_TRAFFIC: the runners have not all run yet
        assertThat(status.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.DOWN);

        readiness.set(Health.up().build());
        assertThat(status.getStatus(InstanceStatus.DOWN)).isEqualTo(InstanceStatus.UP);
    }

    @Test
    void whenTheApplicationBecomesReadyTheStatusIsSetAtOnce() {
        var instance = new ApplicationInfoManager(new EurekaInstanceConfigBean(new InetUtils(new InetUtilsProperties())),
                InstanceInfo.Builder.newBuilder().setAppName("customer-service").setStatus(InstanceStatus.DOWN).build(),
                null);
        var changes = new java.util.ArrayList<InstanceStatus>();
        instance.registerStatusChangeListener(new ApplicationInfoManager.StatusChangeListener() {
            @Override
            public String getId() {
                return "test";
            }

            @Override
            public void notify(StatusChangeEvent event) {
                changes.add(event.getStatus());
            }
        });
        var report = new ReportWhenReady(instance, status);

        signingKeys.set(Health.down().build());
        report.readinessChanged(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        assertThat(changes).isEmpty(); // still DOWN: the keys are not read

        signingKeys.set(Health.up().build());
        report.readinessChanged(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
        assertThat(changes).isEmpty();
        report.readinessChanged(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        assertThat(changes).containsExactly(InstanceStatus.UP);
        assertThat(instance.getInfo().getStatus()).isEqualTo(InstanceStatus.UP);
    }

    @Test
    void leavesStartingAndOutOfServiceAsTheyAre() {
        database.set(Health.down().build());
        signingKeys.set(Health.down().build());
        assertThat(status.getStatus(InstanceStatus.STARTING)).isEqualTo(InstanceStatus.STARTING);
        assertThat(status.getStatus(InstanceStatus.OUT_OF_SERVICE)).isEqualTo(InstanceStatus.OUT_OF_SERVICE);
    }

    @Test
    void anInstanceLeavingTheRegistryStaysDownWhateverItsIndicatorsSay() {
        leaving.set(true);
        assertThat(status.getStatus(InstanceStatus.DOWN)).isEqualTo(InstanceStatus.DOWN);
        assertThat(status.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.DOWN);
    }

    @Test
    void followsOnlyTheIndicatorsTheServiceHas() {
        registry.remove("signingKeys"); // auth-service: its own keys
        assertThat(status.getStatus(InstanceStatus.DOWN)).isEqualTo(InstanceStatus.UP);
        database.set(Health.down().build());
        assertThat(status.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.DOWN);

        registry.clear(); // a service with neither keeps its status (other indicators are not followed)
        registry.put("diskSpace", (HealthIndicator) () -> Health.down().build());
        assertThat(status.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.UP);
        assertThat(status.getStatus(InstanceStatus.DOWN)).isEqualTo(InstanceStatus.DOWN);
    }
}
