package io.inetpublish.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The named factories of the deployment events: what they set, what they leave empty, what they refuse. */
class EventBuildersTest {

    private static final UUID ID = UUID.randomUUID();
    private static final UUID ENVIRONMENT = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void theFactoryNamesTheKindOfDeployment() {
        assertThat(ReleaseDeployed.deploy(ID, AT).build().kind()).isEqualTo(DeploymentKind.DEPLOY);
        ReleaseDeployed rollback = ReleaseDeployed.rollback(ID, AT).build();
        assertThat(rollback.isRollback()).isTrue();
        assertThat(rollback.syncSource()).isEqualTo(SyncSource.ROLLBACK);
        assertThat(ReleaseDeployed.recorded(ID, DeploymentKind.ROLLBACK, AT).build()).isEqualTo(rollback);
    }

    @Test
    void partsLeftOutAreNullAndListsEmpty() {
        ReleaseDeployed deployed = ReleaseDeployed.deploy(ID, AT).build();
        assertThat(deployed.schemaVersion()).isEqualTo(ReleaseDeployed.SCHEMA_VERSION);
        assertThat(deployed.releaseId()).isNull();
        assertThat(deployed.updateType()).isNull();
        assertThat(deployed.configChange()).isFalse();
        assertThat(deployed.targets()).isEmpty();
        assertThat(deployed.packageBuildId()).isNull();

        EnvironmentVersionsSynced synced = EnvironmentVersionsSynced
                .synced(ID, SyncSource.TEST_DEPLOYMENT, ENVIRONMENT, "test-1").build();
        assertThat(synced.schemaVersion()).isEqualTo(EnvironmentVersionsSynced.SCHEMA_VERSION);
        assertThat(synced.isTestDeployment()).isTrue();
        assertThat(synced.customerId()).isNull();
        assertThat(synced.customerOwner()).isNull();
        assertThat(synced.changes()).isEmpty();
    }

    @Test
    void eachNamedPartLandsInItsField() {
        UUID release = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        UUID pkg = UUID.randomUUID();
        List<ReleaseDeployed.Target> targets = List.of(new ReleaseDeployed.Target(ENVIRONMENT,
                List.of(new ComponentVersion("gateway", "2.3.1"))));
        assertThat(ReleaseDeployed.deploy(ID, AT).release(release, "R-1", "June").customer(customer)
                .update(UpdateType.HOT, true).targets(targets).packageBuild(pkg).build())
                .isEqualTo(new ReleaseDeployed(1, ID, DeploymentKind.DEPLOY, release, "R-1", "June", customer,
                        UpdateType.HOT, true, AT, targets, pkg));

        List<EnvironmentVersionsSynced.Change> changes = List.of(
                new EnvironmentVersionsSynced.Change("gateway", null, "2.3.1"));
        assertThat(EnvironmentVersionsSynced.synced(ID, SyncSource.CUSTOMER_DEPLOYMENT, ENVIRONMENT, "prod")
                .release(release, "R-1").customer(customer, "ACME", "ou_1").changes(changes).build())
                .isEqualTo(new EnvironmentVersionsSynced(1, ID, SyncSource.CUSTOMER_DEPLOYMENT, release, "R-1",
                        ENVIRONMENT, "prod", customer, "ACME", "ou_1", changes));
    }

    @Test
    void aProducerMustNameWhatTheEventIsAbout() {
        assertThatThrownBy(() -> ReleaseDeployed.deploy(null, AT)).hasMessageContaining("deploymentId");
        assertThatThrownBy(() -> ReleaseDeployed.recorded(ID, null, AT)).hasMessageContaining("kind");
        assertThatThrownBy(() -> ReleaseDeployed.deploy(ID, null)).hasMessageContaining("deployedAt");
        assertThatThrownBy(() -> EnvironmentVersionsSynced.synced(ID, null, ENVIRONMENT, "x"))
                .hasMessageContaining("source");
        assertThatThrownBy(() -> EnvironmentVersionsSynced.synced(ID, SyncSource.ROLLBACK, null, "x"))
                .hasMessageContaining("environmentId");
    }
}
