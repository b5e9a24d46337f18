package io.inetpublish.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.i18n.StoredText;
import io.inetpublish.common.messaging.EventCodec;
import io.inetpublish.common.messaging.UnreadableEventException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract of each event record on the wire, one nested class per record: a payload exactly as the services
 * wrote it before the closed sets became enums still reads (the values are the enums' names), the record written
 * again is the same JSON (so services of the old and the new version can run side by side during a rolling update),
 * the record answers its consumers' questions, and a value a newer producer may add reads as null and answers "no"
 * instead of breaking the consumer.
 */
@JsonTest
@ContextConfiguration(classes = EventWireCompatibilityTest.Config.class)
class EventWireCompatibilityTest {

    static final UUID BUILD = UUID.fromString("9a7c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4");
    static final UUID RELEASE = UUID.fromString("6f1c8a52-0d5e-4bd0-9b7a-5d8f0c2e1a01");
    static final UUID ENVIRONMENT = UUID.fromString("0b7e3f7c-8c69-4d4a-a5a1-9f0f0d4cfa02");
    static final UUID CUSTOMER = UUID.fromString("3d9e6b7a-1f2c-4c3d-8e9f-a0b1c2d3e403");

    @Configuration(proxyBeanMethods = false)
    static class Config {
    }

    @Autowired
    JsonMapper json;

    <P> P read(String type, String payload, Class<P> as) {
        String wire = """
                {"eventId":"%s","type":"%s","occurredAt":"2026-11-20T08:30:15Z",
                 "actor":{"userId":"ou_zhangsan","name":"张三"},"payload":%s}
                """.formatted(UUID.randomUUID(), type, payload);
        return new EventCodec(json).read(wire.getBytes(StandardCharsets.UTF_8), as).payload();
    }

    /** The record written by this version is the very JSON of the older version. */
    void writesTheSameJson(Object record, String payload) {
        JsonNode written = json.readTree(json.writeValueAsBytes(record));
        assertThat(written).isEqualTo(json.readTree(payload));
    }

    @Nested
    class BuildFinishedOnTheWire {

        static final String TEST_DEPLOYMENT = """
                {"schemaVersion":1,"buildId":"9a7c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4","buildType":"TEST_DEPLOY",
                 "result":"UNSTABLE","reason":null,"releaseId":"6f1c8a52-0d5e-4bd0-9b7a-5d8f0c2e1a01",
                 "releaseNumber":"R-2026-0042","releaseTitle":"June release",
                 "environmentId":"0b7e3f7c-8c69-4d4a-a5a1-9f0f0d4cfa02","environmentName":"test-1",
                 "jenkinsBuildNumber":18,"jenkinsUrl":"http://jenkins/job/deploy/18/",
                 "items":[{"component":"gateway","version":"2.3.1"}],"artifacts":[],
                 "customerName":null,"plan":null,"releases":[],"manifestPath":null}
                """;

        static final String BUNDLE_FAILED_PACKAGE = """
                {"schemaVersion":1,"buildId":"9a7c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4","buildType":"PACKAGE",
                 "result":"BUNDLE_FAILED","reason":"Jenkins: SUCCESS; checksum mismatch",
                 "releaseId":"6f1c8a52-0d5e-4bd0-9b7a-5d8f0c2e1a01","releaseNumber":"R-2026-0042",
                 "releaseTitle":"June release","environmentId":null,"environmentName":null,
                 "jenkinsBuildNumber":7,"jenkinsUrl":"http://jenkins/job/package/7/",
                 "items":[{"component":"gateway","version":"2.3.1"}],"artifacts":[],
                 "customerName":null,"plan":null,"releases":[],"manifestPath":null}
                """;

        static final String DELTA_BUNDLE = """
                {"schemaVersion":1,"buildId":"9a7c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4","buildType":"PACKAGE",
                 "result":"SUCCESS","reason":null,"releaseId":null,"releaseNumber":"ACME-prod-delta-3",
                 "releaseTitle":null,"environmentId":"0b7e3f7c-8c69-4d4a-a5a1-9f0f0d4cfa02",
                 "environmentName":"prod","jenkinsBuildNumber":9,"jenkinsUrl":"http://jenkins/job/package/9/",
                 "items":[{"component":"gateway","version":"2.3.1"}],
                 "artifacts":[{"fileName":"ACME-prod-delta-3.tar.gz","relativePath":"dist/ACME-prod-delta-3.tar.gz",
                               "size":2048,"sha256":"ab12","downloadPath":"/api/builds/x/artifacts/dist/a.tar.gz"}],
                 "customerName":"ACME","plan":"/environments/0b7e3f7c/plan?target=mainline",
                 "releases":[{"releaseId":"6f1c8a52-0d5e-4bd0-9b7a-5d8f0c2e1a01","releaseNumber":"R-2026-0042"}],
                 "manifestPath":"/api/builds/9a7c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4/manifest"}
                """;

        @Test
        void anUnstableTestDeploymentOfTheOldWireIsACompletedTestDeploymentWithWarnings() {
            BuildFinished build = read(EventTypes.BUILD_FINISHED, TEST_DEPLOYMENT, BuildFinished.class);

            assertThat(build.buildType()).isEqualTo(BuildType.TEST_DEPLOY);
            assertThat(build.result()).isEqualTo(BuildResult.UNSTABLE);
            assertThat(build.isTestDeployment()).isTrue();
            assertThat(build.completed()).isTrue();
            assertThat(build.unstable()).isTrue();
            assertThat(build.testDeploymentCompleted()).isTrue();
            assertThat(build.producedPackage()).isFalse();
        }

        @Test
        void theFactoriesWriteTheOldWire() {
            writesTheSameJson(BuildFinished.testDeployment(BUILD, BuildResult.UNSTABLE, ENVIRONMENT, "test-1")
                    .release(RELEASE, "R-2026-0042", "June release").jenkins(18, "http://jenkins/job/deploy/18/")
                    .items(List.of(new ComponentVersion("gateway", "2.3.1"))).build(), TEST_DEPLOYMENT);
            writesTheSameJson(BuildFinished.releasePackage(BUILD, BuildResult.BUNDLE_FAILED)
                    .release(RELEASE, "R-2026-0042", "June release").legacyReason("Jenkins: SUCCESS; checksum mismatch")
                    .jenkins(7, "http://jenkins/job/package/7/")
                    .items(List.of(new ComponentVersion("gateway", "2.3.1"))).build(), BUNDLE_FAILED_PACKAGE);
            writesTheSameJson(BuildFinished.deltaBundle(BUILD, BuildResult.SUCCESS, "ACME-prod-delta-3", "ACME",
                            ENVIRONMENT, "prod").jenkins(9, "http://jenkins/job/package/9/")
                    .items(List.of(new ComponentVersion("gateway", "2.3.1")))
                    .artifacts(List.of(new BuildFinished.Artifact("ACME-prod-delta-3.tar.gz",
                            "dist/ACME-prod-delta-3.tar.gz", 2048L, "ab12", "/api/builds/x/artifacts/dist/a.tar.gz")))
                    .plan("/environments/0b7e3f7c/plan?target=mainline",
                            List.of(new BuildFinished.PlanRelease(RELEASE, "R-2026-0042")))
                    .manifestPath("/api/builds/" + BUILD + "/manifest").build(), DELTA_BUNDLE);
        }

        @Test
        void aPackageThePlatformCouldNotKeepProducedNoPackage() {
            BuildFinished build = read(EventTypes.BUILD_FINISHED, BUNDLE_FAILED_PACKAGE, BuildFinished.class);

            assertThat(build.result()).isEqualTo(BuildResult.BUNDLE_FAILED);
            assertThat(build.isReleasePackage()).isTrue();
            assertThat(build.completed()).isFalse();
            assertThat(build.producedPackage()).isFalse();
        }

        /** Since issue 16 (store facts, render text): the reason also as codes, nested as the build stored it. */
        static final String CODED_REASON = BUNDLE_FAILED_PACKAGE.replace("\"manifestPath\":null}",
                "\"manifestPath\":null,\"reasonText\":{\"code\":\"build.reason.bundle-failed\",\"args\":[\"SUCCESS\","
                        + "{\"code\":\"bundle.copy.artifact-gone\",\"args\":[\"dist/a.tar.gz\"]}]}}");

        @Test
        void aReasonTravelsAsCodesBesideItsEnglishTextForConsumersFromBefore() {
            StoredText reason = StoredText.of("build.reason.bundle-failed", "SUCCESS",
                    StoredText.of("bundle.copy.artifact-gone", "dist/a.tar.gz"));

            BuildFinished build = read(EventTypes.BUILD_FINISHED, CODED_REASON, BuildFinished.class);

            assertThat(build.reasonText()).isEqualTo(reason);
            assertThat(build.storedReason()).isEqualTo(new BuildFinished.StoredReason(reason, null));
            assertThat(build.storedReason().fact()).isEqualTo(reason);
            assertThat(build.reason()).as("what an older consumer reads").isEqualTo("Jenkins: SUCCESS; checksum mismatch");
            writesTheSameJson(BuildFinished.releasePackage(BUILD, BuildResult.BUNDLE_FAILED)
                    .release(RELEASE, "R-2026-0042", "June release")
                    .reason(reason, "Jenkins: SUCCESS; checksum mismatch")
                    .jenkins(7, "http://jenkins/job/package/7/")
                    .items(List.of(new ComponentVersion("gateway", "2.3.1"))).build(), CODED_REASON);
        }

        @Test
        void anOlderProducersEnglishReasonIsReadBackIntoCodesAnUnknownOneKeptAsItsTextAndNoReasonIsNone() {
            BuildFinished old = read(EventTypes.BUILD_FINISHED, BUNDLE_FAILED_PACKAGE, BuildFinished.class);
            BuildFinished unknown = read(EventTypes.BUILD_FINISHED, BUNDLE_FAILED_PACKAGE.replace(
                    "Jenkins: SUCCESS; checksum mismatch", "compilation failed"), BuildFinished.class);
            BuildFinished none = read(EventTypes.BUILD_FINISHED, TEST_DEPLOYMENT, BuildFinished.class);

            assertThat(old.reasonText()).isNull();
            assertThat(old.storedReason()).isEqualTo(new BuildFinished.StoredReason(
                    StoredText.of("build.reason.bundle-failed", "SUCCESS", "checksum mismatch"), null));
            assertThat(unknown.storedReason()).isEqualTo(new BuildFinished.StoredReason(null, "compilation failed"));
            assertThat(unknown.storedReason().fact()).isEqualTo("compilation failed");
            assertThat(none.storedReason()).isNull();
        }

        @Test
        void aDeltaBundleIsAPackageWithoutARecord() {
            BuildFinished build = read(EventTypes.BUILD_FINISHED, DELTA_BUNDLE, BuildFinished.class);

            assertThat(build.isDeltaBundle()).isTrue();
            assertThat(build.isReleasePackage()).isFalse();
            assertThat(build.producedPackage()).isTrue();
            assertThat(build.releases()).containsExactly(new BuildFinished.PlanRelease(RELEASE, "R-2026-0042"));
        }

        @ParameterizedTest(name = "{0}: completed {1}")
        @CsvSource({"SUCCESS, true", "UNSTABLE, true", "FAILURE, false", "ABORTED, false", "NOT_BUILT, false",
                "LOST, false", "BUNDLE_FAILED, false"})
        void everyResultOfTheOldWireReadsAndSaysWhetherItCompleted(String result, boolean completed) {
            BuildFinished build = read(EventTypes.BUILD_FINISHED,
                    TEST_DEPLOYMENT.replace("\"UNSTABLE\"", "\"" + result + "\""), BuildFinished.class);

            assertThat(build.result()).isEqualTo(BuildResult.valueOf(result));
            assertThat(build.completed()).isEqualTo(completed);
            assertThat(build.testDeploymentCompleted()).isEqualTo(completed);
        }

        @Test
        void aResultOrTypeANewerProducerAddedReadsAsUnknownAndCountsAsNotCompleted() {
            BuildFinished result = read(EventTypes.BUILD_FINISHED,
                    TEST_DEPLOYMENT.replace("\"UNSTABLE\"", "\"FLAKY\""), BuildFinished.class);
            BuildFinished type = read(EventTypes.BUILD_FINISHED,
                    TEST_DEPLOYMENT.replace("\"TEST_DEPLOY\"", "\"CANARY_DEPLOY\""), BuildFinished.class);

            assertThat(result.result()).isNull();
            assertThat(result.completed()).isFalse();
            assertThat(result.testDeploymentCompleted()).isFalse();
            assertThat(type.buildType()).isNull();
            assertThat(type.isTestDeployment()).isFalse();
            assertThat(type.testDeploymentCompleted()).isFalse();
            assertThat(type.producedPackage()).isFalse();
        }
    }

    @Nested
    class BuildResultOfJenkins {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"SUCCESS, SUCCESS", "UNSTABLE, UNSTABLE", "FAILURE, FAILURE", "ABORTED, ABORTED",
                "NOT_BUILT, NOT_BUILT", "success, SUCCESS", "CYCLE, FAILURE", "'', FAILURE"})
        void jenkinsResultsMapOntoTheirNamesAndAnythingElseIsAFailure(String jenkins, BuildResult expected) {
            assertThat(BuildResult.ofJenkins(jenkins)).isEqualTo(expected);
        }
    }

    @Nested
    class BuildStartedOnTheWire {

        static final String STARTED = """
                {"schemaVersion":1,"buildId":"9a7c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4","buildType":"TEST_DEPLOY",
                 "releaseId":"6f1c8a52-0d5e-4bd0-9b7a-5d8f0c2e1a01","releaseNumber":"R-2026-0042",
                 "environmentId":"0b7e3f7c-8c69-4d4a-a5a1-9f0f0d4cfa02","jenkinsBuildNumber":18,
                 "jenkinsUrl":"http://jenkins/job/deploy/18/","items":[{"component":"gateway","version":"2.3.1"}]}
                """;

        @Test
        void readsAndWritesTheOldWire() {
            BuildStarted started = read(EventTypes.BUILD_STARTED, STARTED, BuildStarted.class);

            assertThat(started.buildType()).isEqualTo(BuildType.TEST_DEPLOY);
            assertThat(started.isTestDeployment()).isTrue();
            writesTheSameJson(BuildStarted.of(BUILD, BuildType.TEST_DEPLOY, RELEASE, "R-2026-0042", ENVIRONMENT, 18,
                    "http://jenkins/job/deploy/18/", List.of(new ComponentVersion("gateway", "2.3.1"))), STARTED);
        }

        @Test
        void aTypeANewerProducerAddedReadsAsUnknown() {
            BuildStarted started = read(EventTypes.BUILD_STARTED, STARTED.replace("TEST_DEPLOY", "CANARY"),
                    BuildStarted.class);

            assertThat(started.buildType()).isNull();
            assertThat(started.isTestDeployment()).isFalse();
        }
    }

    @Nested
    class EnvironmentVersionsSyncedOnTheWire {

        static final String SYNCED = """
                {"schemaVersion":1,"deploymentId":"9a7c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4","source":"TEST_DEPLOYMENT",
                 "releaseId":"6f1c8a52-0d5e-4bd0-9b7a-5d8f0c2e1a01","releaseNumber":"R-2026-0042",
                 "environmentId":"0b7e3f7c-8c69-4d4a-a5a1-9f0f0d4cfa02","environmentName":"test-1",
                 "customerId":null,"customerName":null,"customerOwner":null,
                 "changes":[{"component":"gateway","from":null,"to":"2.3.1"}]}
                """;

        @ParameterizedTest(name = "{0}")
        @CsvSource({"TEST_DEPLOYMENT, true, false, false", "CUSTOMER_DEPLOYMENT, false, true, false",
                "ROLLBACK, false, false, true"})
        void everySourceOfTheOldWireReads(String source, boolean test, boolean customer, boolean rollback) {
            EnvironmentVersionsSynced synced = read(EventTypes.ENVIRONMENT_VERSIONS_SYNCED,
                    SYNCED.replace("TEST_DEPLOYMENT", source), EnvironmentVersionsSynced.class);

            assertThat(synced.source()).isEqualTo(SyncSource.valueOf(source));
            assertThat(synced.isTestDeployment()).isEqualTo(test);
            assertThat(synced.isCustomerDeployment()).isEqualTo(customer);
            assertThat(synced.isRollback()).isEqualTo(rollback);
        }

        @Test
        void writesTheOldWire() {
            writesTheSameJson(EnvironmentVersionsSynced.synced(BUILD, SyncSource.TEST_DEPLOYMENT, ENVIRONMENT, "test-1")
                    .release(RELEASE, "R-2026-0042")
                    .changes(List.of(new EnvironmentVersionsSynced.Change("gateway", null, "2.3.1"))).build(), SYNCED);
        }

        @Test
        void aSourceANewerProducerAddedReadsAsUnknownAndIsNoneOfTheKnownOnes() {
            EnvironmentVersionsSynced synced = read(EventTypes.ENVIRONMENT_VERSIONS_SYNCED,
                    SYNCED.replace("TEST_DEPLOYMENT", "IMPORT"), EnvironmentVersionsSynced.class);

            assertThat(synced.source()).isNull();
            assertThat(synced.isTestDeployment()).isFalse();
            assertThat(synced.isCustomerDeployment()).isFalse();
            assertThat(synced.isRollback()).isFalse();
        }
    }

    @Nested
    class ReleaseDeployedOnTheWire {

        static final String DEPLOYED = """
                {"schemaVersion":1,"deploymentId":"9a7c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4","kind":"ROLLBACK",
                 "releaseId":"6f1c8a52-0d5e-4bd0-9b7a-5d8f0c2e1a01","releaseNumber":"R-2026-0042",
                 "releaseTitle":"June release","customerId":"3d9e6b7a-1f2c-4c3d-8e9f-a0b1c2d3e403",
                 "updateType":"HOT","configChange":true,"deployedAt":"2026-11-20T08:00:00Z",
                 "targets":[{"environmentId":"0b7e3f7c-8c69-4d4a-a5a1-9f0f0d4cfa02",
                             "versions":[{"component":"gateway","version":"2.3.0"}]}],"packageBuildId":null}
                """;

        @Test
        void aRollbackOfTheOldWireReadsAndSyncsAsARollback() {
            ReleaseDeployed deployed = read(EventTypes.RELEASE_DEPLOYED, DEPLOYED, ReleaseDeployed.class);

            assertThat(deployed.kind()).isEqualTo(DeploymentKind.ROLLBACK);
            assertThat(deployed.updateType()).isEqualTo(UpdateType.HOT);
            assertThat(deployed.isRollback()).isTrue();
            assertThat(deployed.syncSource()).isEqualTo(SyncSource.ROLLBACK);
            writesTheSameJson(ReleaseDeployed.rollback(BUILD, Instant.parse("2026-11-20T08:00:00Z"))
                    .release(RELEASE, "R-2026-0042", "June release").customer(CUSTOMER).update(UpdateType.HOT, true)
                    .targets(List.of(new ReleaseDeployed.Target(ENVIRONMENT, List.of(new ComponentVersion("gateway",
                            "2.3.0"))))).build(), DEPLOYED);
        }

        @Test
        void aDeploymentSyncsAsACustomerDeployment() {
            ReleaseDeployed deployed = read(EventTypes.RELEASE_DEPLOYED, DEPLOYED.replace("ROLLBACK", "DEPLOY"),
                    ReleaseDeployed.class);

            assertThat(deployed.isRollback()).isFalse();
            assertThat(deployed.syncSource()).isEqualTo(SyncSource.CUSTOMER_DEPLOYMENT);
        }

        @Test
        void aKindOrUpdateTypeANewerProducerAddedReadsAsUnknownAndSyncsAsNothing() {
            ReleaseDeployed deployed = read(EventTypes.RELEASE_DEPLOYED,
                    DEPLOYED.replace("ROLLBACK", "REDEPLOY").replace("\"HOT\"", "\"LTS\""), ReleaseDeployed.class);

            assertThat(deployed.kind()).isNull();
            assertThat(deployed.updateType()).isNull();
            assertThat(deployed.isRollback()).isFalse();
            assertThat(deployed.syncSource()).isNull();
        }
    }

    @Nested
    class ReleaseSubmittedOnTheWire {

        static final String SUBMITTED = """
                {"schemaVersion":1,"releaseId":"6f1c8a52-0d5e-4bd0-9b7a-5d8f0c2e1a01","releaseNumber":"R-2026-0042",
                 "title":"June release","updateType":"FE","configChange":false,
                 "items":[{"component":"gateway","version":"2.3.1"}]}
                """;

        @Test
        void readsAndWritesTheOldWire() {
            ReleaseSubmitted submitted = read(EventTypes.RELEASE_SUBMITTED, SUBMITTED, ReleaseSubmitted.class);

            assertThat(submitted.updateType()).isEqualTo(UpdateType.FE);
            writesTheSameJson(submitted, SUBMITTED);
        }

        @Test
        void anUpdateTypeANewerProducerAddedReadsAsUnknown() {
            assertThat(read(EventTypes.RELEASE_SUBMITTED, SUBMITTED.replace("\"FE\"", "\"LTS\""),
                    ReleaseSubmitted.class).updateType()).isNull();
        }
    }

    @Nested
    class ScheduleDueOnTheWire {

        static final String DUE = """
                {"schemaVersion":1,"scheduleId":"9a7c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4","phase":"OVERDUE",
                 "title":"Quarterly update","plannedAt":"2026-11-19T08:00:00Z",
                 "customerId":"3d9e6b7a-1f2c-4c3d-8e9f-a0b1c2d3e403","customerName":"ACME",
                 "environmentIds":["0b7e3f7c-8c69-4d4a-a5a1-9f0f0d4cfa02"],"ownerId":"ou_lisi","ownerName":"李四",
                 "customerOwner":"ou_wangwu"}
                """;

        @Test
        void readsAndWritesTheOldWire() {
            ScheduleDue due = read(EventTypes.SCHEDULE_DUE, DUE, ScheduleDue.class);

            assertThat(due.phase()).isEqualTo(ScheduleDue.Phase.OVERDUE);
            assertThat(due.isOverdue()).isTrue();
            assertThat(read(EventTypes.SCHEDULE_DUE, DUE.replace("OVERDUE", "DUE_SOON"), ScheduleDue.class)
                    .isOverdue()).isFalse();
            writesTheSameJson(due, DUE);
        }

        @Test
        void aPhaseANewerProducerAddedReadsAsUnknown() {
            ScheduleDue due = read(EventTypes.SCHEDULE_DUE, DUE.replace("OVERDUE", "DUE_TODAY"), ScheduleDue.class);

            assertThat(due.phase()).isNull();
            assertThat(due.isOverdue()).isFalse();
        }
    }

    @Nested
    class AuditEventOnTheWire {

        static final String EDITED = """
                {"schemaVersion":1,"action":"RELEASE_EDITED",
                 "target":{"kind":"RELEASE","id":"6f1c8a52-0d5e-4bd0-9b7a-5d8f0c2e1a01","name":"R-2026-0042"},
                 "changes":[{"field":"title","from":"June","to":"June release"}],
                 "versions":[{"component":"gateway","from":"2.3.0","to":"2.3.1"}],
                 "facts":{"releaseId":"6f1c8a52-0d5e-4bd0-9b7a-5d8f0c2e1a01","releaseNumber":"R-2026-0042"}}
                """;

        @Test
        void readsAndWritesTheOldWire() {
            AuditEvent audit = read(EventTypes.RELEASE_EDITED, EDITED, AuditEvent.class);

            assertThat(audit.action()).isEqualTo(AuditEvent.Action.RELEASE_EDITED);
            assertThat(audit.target().kind()).isEqualTo(AuditEvent.Kind.RELEASE);
            writesTheSameJson(AuditEvent.builder(AuditEvent.Kind.RELEASE, AuditEvent.Action.RELEASE_EDITED)
                    .target(RELEASE, "R-2026-0042").change("title", "June", "June release")
                    .version("gateway", "2.3.0", "2.3.1").release(RELEASE, "R-2026-0042").build(), EDITED);
        }

        /** Every action the services wrote as a string before it became an enum, spelled as they wrote it. */
        @ParameterizedTest
        @ValueSource(strings = {"RELEASE_SUBMITTED", "RELEASE_EDITED", "RELEASE_WITHDRAWN", "RELEASE_SKIPPED",
                "RELEASE_SKIP_REMOVED", "APPROVAL_REQUESTED", "APPROVAL_DECIDED", "SCHEDULE_CREATED", "SCHEDULE_CHANGED",
                "SCHEDULE_CANCELLED", "SCHEDULE_DONE", "ROLLOUT_CREATED", "ROLLOUT_TARGET_SKIPPED",
                "ROLLOUT_TARGET_FAILED", "BUILD_TRIGGERED", "BUILD_CANCELLED", "BUILD_FINISHED", "BUILD_BUNDLE_REMOVED",
                "CUSTOMER_CREATED", "CUSTOMER_UPDATED", "CUSTOMER_ARCHIVED", "ENVIRONMENT_CREATED",
                "ENVIRONMENT_UPDATED", "COMPONENT_CREATED", "COMPONENT_UPDATED", "COMPONENT_RETIRED",
                "COMPONENT_REINSTATED", "MAINLINE_SET", "COMPONENT_ADDED", "VERSION_CHANGED", "COMPONENT_REMOVED",
                "VERSIONS_SET", "VERSIONS_IMPORTED", "VERSIONS_SYNCED", "USER_ROLE_CHANGED", "USER_DISABLED",
                "USER_ENABLED", "INTEGRATION_TOKEN_CREATED", "INTEGRATION_TOKEN_REVOKED",
                "INTEGRATION_SETTINGS_CHANGED"})
        void everyActionOfTheOldWireReadsAndIsWrittenAsItCame(String action) {
            String old = EDITED.replace("\"RELEASE_EDITED\"", "\"" + action + "\"");

            AuditEvent audit = read(EventTypes.RELEASE_EDITED, old, AuditEvent.class);

            assertThat(audit.action()).isNotNull();
            assertThat(audit.action().name()).isEqualTo(action);
            writesTheSameJson(audit, old);
        }

        @Test
        void anActionANewerProducerAddedIsUnreadableSoItWaitsForAReplayInsteadOfBeingLoggedWithoutOne() {
            assertThatThrownBy(() -> read(EventTypes.RELEASE_EDITED,
                    EDITED.replace("\"RELEASE_EDITED\"", "\"RELEASE_RENAMED\""), AuditEvent.class))
                    .isInstanceOf(UnreadableEventException.class).hasMessageContaining("action");
        }

        @Test
        void aKindANewerProducerAddedIsUnreadableSoItWaitsForAReplayInsteadOfBeingLoggedWithoutOne() {
            assertThatThrownBy(() -> read(EventTypes.RELEASE_EDITED, EDITED.replace("\"RELEASE\"", "\"PIPELINE\""),
                    AuditEvent.class)).isInstanceOf(UnreadableEventException.class).hasMessageContaining("kind");
        }
    }

    @Nested
    class CustomerArchivedOnTheWire {

        @Test
        void readsAndWritesTheOldWire() {
            String archived = """
                    {"schemaVersion":1,"customerId":"3d9e6b7a-1f2c-4c3d-8e9f-a0b1c2d3e403","customerName":"ACME"}
                    """;

            CustomerArchived payload = read(EventTypes.CUSTOMER_ARCHIVED, archived, CustomerArchived.class);

            assertThat(payload).isEqualTo(new CustomerArchived(1, CUSTOMER, "ACME"));
            writesTheSameJson(payload, archived);
        }
    }
}
