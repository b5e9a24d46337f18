package io.inetpublish.release.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import org.junit.jupiter.api.Test;

class ReleaseStatusTest {

    private final ReleaseRecord release = new ReleaseRecord(UUID.randomUUID(), "REL-2026-0001", Actor.system(),
            Instant.now());
    private final List<TimelineEntry> timeline = new ArrayList<>();

    private ReleaseStatusTest add(TimelineAction action, UUID ref, UUID environment) {
        timeline.add(TimelineEntry.of(release, action, Actor.system(), Instant.now()).ref(ref)
                .environment(environment, null));
        return this;
    }

    private ReleaseStatus status() {
        return ReleaseStatus.derive(timeline);
    }

    @Test
    void followsTheFlowFromSubmittedToCompleted() {
        UUID test = UUID.randomUUID();
        UUID pack = UUID.randomUUID();
        UUID deployment = UUID.randomUUID();
        UUID prod = UUID.randomUUID();
        UUID uat = UUID.randomUUID();
        add(TimelineAction.SUBMITTED, null, null);
        assertThat(status()).isEqualTo(ReleaseStatus.SUBMITTED);
        add(TimelineAction.TEST_DEPLOYMENT_REQUESTED, test, UUID.randomUUID());
        assertThat(status()).isEqualTo(ReleaseStatus.IN_TEST);
        add(TimelineAction.TEST_DEPLOYMENT_FINISHED, test, null);
        assertThat(status()).isEqualTo(ReleaseStatus.TESTED);
        add(TimelineAction.PACKAGING_REQUESTED, pack, null);
        assertThat(status()).isEqualTo(ReleaseStatus.PACKAGING);
        add(TimelineAction.PACKAGING_FINISHED, pack, null);
        assertThat(status()).isEqualTo(ReleaseStatus.PACKAGED);
        add(TimelineAction.CUSTOMER_DEPLOYMENT_RECORDED, deployment, prod);
        add(TimelineAction.CUSTOMER_DEPLOYMENT_RECORDED, deployment, uat);
        assertThat(status()).isEqualTo(ReleaseStatus.DEPLOYED);
        add(TimelineAction.VERSIONS_SYNCED, deployment, prod);
        assertThat(status()).isEqualTo(ReleaseStatus.DEPLOYED);
        add(TimelineAction.VERSIONS_SYNCED, deployment, uat);
        assertThat(status()).isEqualTo(ReleaseStatus.COMPLETED);
        add(TimelineAction.ROLLBACK_RECORDED, UUID.randomUUID(), prod);
        assertThat(status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
        add(TimelineAction.CUSTOMER_DEPLOYMENT_RECORDED, UUID.randomUUID(), prod);
        assertThat(status()).isEqualTo(ReleaseStatus.DEPLOYED);
    }

    @Test
    void anOutcomeRecordedBeforeItsRequestClosesIt() {
        UUID build = UUID.randomUUID();
        add(TimelineAction.SUBMITTED, null, null).add(TimelineAction.PACKAGING_FAILED, build, null)
                .add(TimelineAction.PACKAGING_REQUESTED, build, null);
        assertThat(status()).isEqualTo(ReleaseStatus.SUBMITTED);
    }

    @Test
    void withdrawnWinsAndFailedTestsLeaveItSubmitted() {
        UUID build = UUID.randomUUID();
        add(TimelineAction.SUBMITTED, null, null).add(TimelineAction.TEST_DEPLOYMENT_REQUESTED, build, null)
                .add(TimelineAction.TEST_DEPLOYMENT_FAILED, build, null);
        assertThat(status()).isEqualTo(ReleaseStatus.SUBMITTED);
        add(TimelineAction.WITHDRAWN, null, null);
        assertThat(status()).isEqualTo(ReleaseStatus.WITHDRAWN);
    }

    @Test
    void buildsOfAnEarlierContentCountForNothing() {
        UUID test = UUID.randomUUID();
        UUID pack = UUID.randomUUID();
        UUID openPack = UUID.randomUUID();
        timeline.add(TimelineEntry.of(release, TimelineAction.SUBMITTED, Actor.system(), Instant.now()));
        for (TimelineAction action : new TimelineAction[] {TimelineAction.TEST_DEPLOYMENT_REQUESTED,
                TimelineAction.TEST_DEPLOYMENT_FINISHED}) {
            timeline.add(TimelineEntry.of(release, action, Actor.system(), Instant.now()).ref(test).contentHash("old"));
        }
        for (TimelineAction action : new TimelineAction[] {TimelineAction.PACKAGING_REQUESTED,
                TimelineAction.PACKAGING_FINISHED}) {
            timeline.add(TimelineEntry.of(release, action, Actor.system(), Instant.now()).ref(pack).contentHash("old"));
        }
        assertThat(ReleaseStatus.derive(timeline, "old")).isEqualTo(ReleaseStatus.PACKAGED);
        assertThat(ReleaseStatus.derive(timeline, "new")).isEqualTo(ReleaseStatus.SUBMITTED);
        // unknown content (events from before builds said what they built) counts as current
        assertThat(ReleaseStatus.derive(timeline, null)).isEqualTo(ReleaseStatus.PACKAGED);

        timeline.add(TimelineEntry.of(release, TimelineAction.PACKAGING_REQUESTED, Actor.system(), Instant.now())
                .ref(openPack).contentHash("old"));
        assertThat(ReleaseStatus.derive(timeline, "new")).isEqualTo(ReleaseStatus.SUBMITTED);
        timeline.add(TimelineEntry.of(release, TimelineAction.PACKAGING_REQUESTED, Actor.system(), Instant.now())
                .ref(UUID.randomUUID()).contentHash("new"));
        assertThat(ReleaseStatus.derive(timeline, "new")).isEqualTo(ReleaseStatus.PACKAGING);
    }

    /**
     * Retention removed a package's files (PACKAGE_REMOVED): PACKAGED says a package is there to deploy, so a record
     * whose only package is gone is TESTED again; while another of its packages is kept it stays PACKAGED, and a
     * package built afterwards makes it PACKAGED again.
     */
    @Test
    void aRecordWhosePackagesRetentionRemovedIsNoLongerPackaged() {
        UUID test = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        add(TimelineAction.SUBMITTED, null, null).add(TimelineAction.TEST_DEPLOYMENT_REQUESTED, test, null)
                .add(TimelineAction.TEST_DEPLOYMENT_FINISHED, test, null)
                .add(TimelineAction.PACKAGING_REQUESTED, first, null).add(TimelineAction.PACKAGING_FINISHED, first, null)
                .add(TimelineAction.PACKAGING_REQUESTED, second, null)
                .add(TimelineAction.PACKAGING_FINISHED, second, null);
        add(TimelineAction.PACKAGE_REMOVED, first, null);
        assertThat(status()).isEqualTo(ReleaseStatus.PACKAGED);
        add(TimelineAction.PACKAGE_REMOVED, second, null);
        assertThat(status()).isEqualTo(ReleaseStatus.TESTED);

        UUID third = UUID.randomUUID();
        add(TimelineAction.PACKAGING_REQUESTED, third, null);
        assertThat(status()).isEqualTo(ReleaseStatus.PACKAGING);
        add(TimelineAction.PACKAGING_FINISHED, third, null);
        assertThat(status()).isEqualTo(ReleaseStatus.PACKAGED);
    }
}
