package io.inetpublish.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The status an instance reports to Eureka follows its database, except while starting, out of service or leaving. */
class DatabaseFollowingStatusTest {

    final AtomicReference<Health> database = new AtomicReference<>(Health.up().build());
    final AtomicBoolean leaving = new AtomicBoolean();
    final HealthIndicator db = database::get;
    final DatabaseFollowingStatus status = new DatabaseFollowingStatus(() -> db, leaving::get);

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
    void leavesStartingAndOutOfServiceAsTheyAre() {
        database.set(Health.down().build());
        assertThat(status.getStatus(InstanceStatus.STARTING)).isEqualTo(InstanceStatus.STARTING);
        assertThat(status.getStatus(InstanceStatus.OUT_OF_SERVICE)).isEqualTo(InstanceStatus.OUT_OF_SERVICE);
    }

    @Test
    void anInstanceLeavingTheRegistryStaysDownWhateverItsDatabaseDoes() {
        leaving.set(true);
        assertThat(status.getStatus(InstanceStatus.DOWN)).isEqualTo(InstanceStatus.DOWN);
        assertThat(status.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.DOWN);
    }

    @Test
    void aServiceWithoutADatabaseKeepsItsStatus() {
        HealthContributor none = null;
        var without = new DatabaseFollowingStatus(() -> none, leaving::get);
        assertThat(without.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.UP);
        assertThat(without.getStatus(InstanceStatus.DOWN)).isEqualTo(InstanceStatus.DOWN);
    }
}
