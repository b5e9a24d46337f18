package io.inetpublish.release.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.BuildStarted;
import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.SyncSource;
import io.inetpublish.common.i18n.StoredText;
import io.inetpublish.common.test.RelayedEvents;
import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.ReleaseItSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * Flows 1–3 from release-service's side: build-service's {@code build.started} / {@code build.finished} and
 * customer-service's {@code environment.versions-synced} are put on the exchange exactly as those services publish
 * them, and the effect is read back through this service's API (timeline, packages, deployment sync status).
 */
@ReleaseIntegrationTest
class ReleaseEventFlowsIT extends ReleaseItSupport {

    static final Actor BUILDER = new Actor("ou_builder", "Bo Builder");

    @Autowired
    RelayedEvents events;
    @Autowired
    MeterRegistry meters;

    @Test
    void aFinishedPackageBuildAttachesThePackageAndItsTimelineOnce() {
        JsonNode release = submitRelease(unique("pkg-comp"));
        UUID releaseId = UUID.fromString(release.get("id").asString());
        UUID buildId = UUID.randomUUID();
        events.publish(EventEnvelope.of(EventTypes.BUILD_STARTED, BUILDER, new BuildStarted(
                BuildStarted.SCHEMA_VERSION, buildId, BuildType.PACKAGE, releaseId, release.get("number").asString(), null,
                71, "http://jenkins/job/package/71/", null)));
        EventEnvelope<BuildFinished> finished = EventEnvelope.of(EventTypes.BUILD_FINISHED, BUILDER,
                BuildFinished.releasePackage(buildId, BuildResult.SUCCESS)
                        .release(releaseId, release.get("number").asString(), release.get("title").asString())
                        .jenkins(71, "http://jenkins/job/package/71/").artifacts(List.of(new BuildFinished.Artifact(
                                "bundle-1.2.3.tgz", "dist/bundle-1.2.3.tgz", 2048L, "9f86d081",
                                "/api/builds/" + buildId + "/artifacts/bundle-1.2.3.tgz"))).build());

        events.publish(finished);

        await().atMost(Duration.ofSeconds(15)).until(() -> actions(releaseId).contains("PACKAGING_FINISHED"));
        JsonNode detail = detail(releaseId.toString());
        assertThat(actions(releaseId)).contains("PACKAGING_REQUESTED");
        assertThat(detail.get("packages")).hasSize(1);
        assertThat(detail.at("/packages/0/fileName").asString()).isEqualTo("bundle-1.2.3.tgz");
        assertThat(detail.at("/packages/0/buildId").asString()).isEqualTo(buildId.toString());
        assertThat(timeline(releaseId, "PACKAGING_FINISHED").get("actor").get("name").asString()).isEqualTo("Bo Builder");

        double duplicates = counter("inetpublish.events.duplicates", "release-service.build-outcomes");
        events.publish(finished);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> counter("inetpublish.events.duplicates", "release-service.build-outcomes") > duplicates);
        assertThat(detail(releaseId.toString()).get("packages")).hasSize(1);
        assertThat(actions(releaseId).stream().filter("PACKAGING_FINISHED"::equals)).hasSize(1);
    }

    /**
     * Issue 16 (store facts, render text): the reason arrives as codes and is kept as them, for the web app to word in
     * the reader's language; the English sentence beside them (for consumers from before codes) is not what is kept.
     */
    @Test
    void aFailedPackageBuildIsShownAsFailedWithoutPackageAndItsReasonKeptAsCodes() {
        JsonNode release = submitRelease(unique("fail-comp"));
        UUID releaseId = UUID.fromString(release.get("id").asString());
        StoredText reason = StoredText.of("build.reason.bundle-failed", "SUCCESS",
                StoredText.of("bundle.copy.checksum", "dist/bundle.tgz", "0123abcd", "4567ef01"));

        events.publish(EventEnvelope.of(EventTypes.BUILD_FINISHED, BUILDER,
                BuildFinished.releasePackage(UUID.randomUUID(), BuildResult.BUNDLE_FAILED)
                        .reason(reason, "Jenkins: SUCCESS; checksum mismatch for dist/bundle.tgz: Jenkins' fingerprint"
                                + " (MD5) is 0123abcd, the received file's is 4567ef01")
                        .release(releaseId, release.get("number").asString(), null).jenkins(72, null).build()));

        await().atMost(Duration.ofSeconds(15)).until(() -> actions(releaseId).contains("PACKAGING_FAILED"));
        JsonNode facts = timeline(releaseId, "PACKAGING_FAILED").get("facts");
        assertThat(facts.get("result").asString()).isEqualTo("BUNDLE_FAILED");
        assertThat(facts.get("reason").isObject()).as("the reason is kept as codes, not as a sentence: " + facts).isTrue();
        assertThat(facts.at("/reason/code").asString()).isEqualTo("build.reason.bundle-failed");
        assertThat(facts.at("/reason/args/0").asString()).isEqualTo("SUCCESS");
        assertThat(facts.at("/reason/args/1/code").asString()).isEqualTo("bundle.copy.checksum");
        assertThat(facts.at("/reason/args/1/args")).extracting(JsonNode::asString)
                .containsExactly("dist/bundle.tgz", "0123abcd", "4567ef01");
        assertThat(facts.toString()).doesNotContain("checksum mismatch");
        assertThat(detail(releaseId.toString()).get("packages")).isEmpty();
    }

    /**
     * An event of a build-service from before codes (a rolling upgrade, an outbox row sent late) carries only English
     * text: a sentence the build-reason catalogue writes is read back into its codes; any other text is kept as sent.
     */
    @Test
    void aFailedBuildOfAProducerFromBeforeCodesKeepsItsSentenceAsCodesOrItsTextAsSent() {
        JsonNode known = submitRelease(unique("fail-old"));
        UUID knownId = UUID.fromString(known.get("id").asString());
        JsonNode other = submitRelease(unique("fail-other"));
        UUID otherId = UUID.fromString(other.get("id").asString());

        events.publish(EventEnvelope.of(EventTypes.BUILD_FINISHED, BUILDER,
                BuildFinished.releasePackage(UUID.randomUUID(), BuildResult.LOST)
                        .legacyReason("Jenkins forgot queue item 41 and no build of job ops/package carries that queue id")
                        .release(knownId, known.get("number").asString(), null).build()));
        events.publish(EventEnvelope.of(EventTypes.BUILD_FINISHED, BUILDER,
                BuildFinished.releasePackage(UUID.randomUUID(), BuildResult.FAILURE)
                        .legacyReason("compilation failed").release(otherId, other.get("number").asString(), null)
                        .jenkins(73, null).build()));

        await().atMost(Duration.ofSeconds(15)).until(() -> actions(knownId).contains("PACKAGING_FAILED")
                && actions(otherId).contains("PACKAGING_FAILED"));
        JsonNode read = timeline(knownId, "PACKAGING_FAILED").get("facts").get("reason");
        assertThat(read.at("/code").asString()).isEqualTo("build.reason.queue-forgotten");
        assertThat(read.at("/args/0").asLong()).isEqualTo(41);
        assertThat(read.at("/args/1").asString()).isEqualTo("ops/package");
        assertThat(timeline(otherId, "PACKAGING_FAILED").get("facts").get("reason").asString())
                .isEqualTo("compilation failed");
        assertThat(detail(otherId.toString()).get("packages")).isEmpty();
    }

    @Test
    void aTestDeploymentShowsItsEnvironmentDeployedAndSynced() {
        String component = unique("test-comp");
        JsonNode release = submitRelease(component);
        UUID releaseId = UUID.fromString(release.get("id").asString());
        String number = release.get("number").asString();
        UUID buildId = UUID.randomUUID();
        UUID testEnvironment = UUID.randomUUID();

        events.publish(EventEnvelope.of(EventTypes.BUILD_FINISHED, BUILDER,
                BuildFinished.testDeployment(buildId, BuildResult.SUCCESS, testEnvironment, "test-1")
                        .release(releaseId, number, null).jenkins(73, null)
                        .items(List.of(new ComponentVersion(component, "1.2.3"))).build()));
        events.publish(EventEnvelope.of(EventTypes.ENVIRONMENT_VERSIONS_SYNCED,
                BUILDER, EnvironmentVersionsSynced
                        .synced(buildId, SyncSource.TEST_DEPLOYMENT, testEnvironment, "test-1")
                        .release(releaseId, number)
                        .changes(List.of(new EnvironmentVersionsSynced.Change(component, "1.2.2", "1.2.3"))).build()));

        await().atMost(Duration.ofSeconds(15)).until(() -> actions(releaseId).containsAll(
                List.of("TEST_DEPLOYMENT_FINISHED", "VERSIONS_SYNCED")));
        assertThat(timeline(releaseId, "TEST_DEPLOYMENT_FINISHED").get("environmentId").asString())
                .isEqualTo(testEnvironment.toString());
        JsonNode synced = timeline(releaseId, "VERSIONS_SYNCED");
        assertThat(synced.get("environmentName").asString()).isEqualTo("test-1");
        assertThat(synced.get("facts").get("kind").asString()).isEqualTo("TEST_DEPLOYMENT");
        assertThat(synced.get("facts").get("changes").get(0).get("component").asString()).isEqualTo(component);
        assertThat(synced.get("facts").get("changes").get(0).get("from").asString()).isEqualTo("1.2.2");
        assertThat(synced.get("facts").get("changes").get(0).get("to").asString()).isEqualTo("1.2.3");
    }

    @Test
    void aRecordedCustomerDeploymentTurnsSyncedWhenCustomerServiceAnswers() {
        String component = unique("cust-comp");
        JsonNode release = submitRelease(component);
        UUID releaseId = UUID.fromString(release.get("id").asString());
        UUID customerId = UUID.randomUUID();
        UUID environmentId = UUID.randomUUID();
        customerService.environment(environmentId, customerId, "ACME", "ou_owner", "acme-prod");
        MvcTestResult recorded = recordDeployment(releaseId, "{\"customerId\":\"" + customerId
                + "\",\"environmentIds\":[\"" + environmentId + "\"],\"notes\":\"done\"}");
        assertThat(recorded).hasStatus(HttpStatus.CREATED);
        JsonNode deployment = read(recorded);
        UUID deploymentId = UUID.fromString(deployment.get("id").asString());
        assertThat(deployment.at("/environments/0/syncStatus").asString()).isEqualTo("PENDING");
        // what customer-service is asked to apply
        assertThat(events(EventTypes.RELEASE_DEPLOYED, "deploymentId", deploymentId)).hasSize(1);

        events.publish(EventEnvelope.of(EventTypes.ENVIRONMENT_VERSIONS_SYNCED,
                BUILDER, EnvironmentVersionsSynced
                        .synced(deploymentId, SyncSource.CUSTOMER_DEPLOYMENT, environmentId, "acme-prod")
                        .release(releaseId, release.get("number").asString()).customer(customerId, "ACME", "ou_owner")
                        .changes(List.of(new EnvironmentVersionsSynced.Change(component, null, "1.2.3"))).build()));

        await().atMost(Duration.ofSeconds(15)).until(() -> "SYNCED".equals(syncStatus(deploymentId)));
        assertThat(json.readTree(mvc.get().uri("/api/deployments/{id}", deploymentId).exchange().getResponse()
                .getContentAsByteArray()).at("/environments/0/syncedAt").isNull()).isFalse();
        assertThat(actions(releaseId)).contains("VERSIONS_SYNCED");
    }

    private String syncStatus(UUID deploymentId) {
        MvcTestResult result = mvc.get().uri("/api/deployments/{id}", deploymentId).exchange();
        return read(result).at("/environments/0/syncStatus").asString();
    }

    private List<String> actions(UUID releaseId) {
        List<String> actions = new ArrayList<>();
        detail(releaseId.toString()).get("timeline").forEach(e -> actions.add(e.get("action").asString()));
        return actions;
    }

    private JsonNode timeline(UUID releaseId, String action) {
        for (JsonNode entry : detail(releaseId.toString()).get("timeline")) {
            if (entry.get("action").asString().equals(action)) {
                return entry;
            }
        }
        throw new AssertionError("no " + action + " on the timeline of " + releaseId);
    }

    private double counter(String meter, String consumer) {
        return meters.find(meter).tag("consumer", consumer).counters().stream().mapToDouble(Counter::count).sum();
    }
}
