package io.inetpublish.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The status an instance reports to Eureka follows its database and its signing keys, except while starting, out of
 * service or leaving.
 */
class ReadinessFollowingStatusTest {

    final AtomicReference<Health> database = new AtomicReference<>(Health.up().build());
    final AtomicReference<Health> signingKeys = new AtomicReference<>(Health.up().build());
    final AtomicBoolean leaving = new AtomicBoolean();
    final Map<String, HealthContributor> registry = new HashMap<>(Map.of(
            "db", (HealthIndicator) database::get, "signingKeys", (HealthIndicator) signingKeys::get,
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
