package io.inetpublish.release.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.BuildStarted;
import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.test.RelayedEvents;
import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.ReleaseItSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** Builds belong to what they built: editing a record's versions makes its test deployments and packages outdated. */
@ReleaseIntegrationTest
class OutdatedBuildsIT extends ReleaseItSupport {

    static final Actor SUPPORT = new Actor("u-s", "Sun Support");

    @Autowired
    BuildOutcomes outcomes;

    @Autowired
    RelayedEvents relayed;

    String component;
    String title;
    String ticket;
    JsonNode release;
    String releaseId;
    UUID customer;
    UUID prod;

    @BeforeEach
    void submitted() {
        component = unique("gateway");
        title = unique("Release");
        ticket = unique("T");
        release = submit(releaseBody(title, ticket, component));
        releaseId = release.get("id").asString();
        customer = UUID.randomUUID();
        prod = UUID.randomUUID();
        customerService.environment(prod, customer, "Acme 银行", "Wang Wu", "prod");
    }

    private UUID built(BuildType type, UUID environment) {
        UUID build = UUID.randomUUID();
        UUID id = UUID.fromString(releaseId);
        outcomes.requested(new BuildStarted(1, build, type, id, null, environment, 7, null,
                BuildOutcomesIT.items(release)), SUPPORT);
        BuildFinished.Builder finished = type == BuildType.TEST_DEPLOY
                ? BuildFinished.testDeployment(build, BuildResult.SUCCESS, environment, "test-1")
                : BuildFinished.releasePackage(build, BuildResult.SUCCESS).artifacts(List.of(
                        new BuildFinished.Artifact("bundle.tgz", "out/bundle.tgz", 10L, "ab", null)));
        outcomes.apply(finished.release(id, release.get("number").asString(), title).jenkins(7, null)
                .items(BuildOutcomesIT.items(release)).build(), SUPPORT);
        return build;
    }

    private MvcTestResult edit(String version, String newTitle) {
        return mvc.put().uri("/api/releases/{id}", releaseId).contentType(MediaType.APPLICATION_JSON)
                .content(releaseBody(newTitle, ticket, component).replace("1.2.3", version)).exchange();
    }

    private MvcTestResult deployWithPackage(UUID packageBuildId) {
        return deployWithPackage(packageBuildId, "zh-CN");
    }

    private MvcTestResult deployWithPackage(UUID packageBuildId, String language) {
        return mvc.post().uri("/api/releases/{id}/deployments", releaseId).header("Accept-Language", language)
                .multipart()
                .file(new org.springframework.mock.web.MockMultipartFile("deployment", "",
                        MediaType.APPLICATION_JSON_VALUE, """
                        {"customerId":"%s","environmentIds":["%s"],"notes":"installed","packageBuildId":"%s"}"""
                        .formatted(customer, prod, packageBuildId).getBytes(StandardCharsets.UTF_8)))
                .file(new org.springframework.mock.web.MockMultipartFile("evidence", "deploy.log", "text/plain",
                        "ok\n".getBytes(StandardCharsets.UTF_8)))
                .exchange();
    }

    private List<Boolean> outdatedFlags(JsonNode detail, UUID build) {
        List<Boolean> flags = new ArrayList<>();
        detail.get("timeline").forEach(e -> {
            if (!e.get("refId").isNull() && build.toString().equals(e.get("refId").asString())) {
                flags.add(e.get("outdated").asBoolean());
            }
        });
        return flags;
    }

    @Test
    void editingTheVersionsMakesThePackageOutdatedAndRefusedForADeployment() {
        UUID tested = built(BuildType.TEST_DEPLOY, UUID.randomUUID());
        UUID packaged = built(BuildType.PACKAGE, null);
        JsonNode before = detail(releaseId);
        assertThat(before.get("status").asString()).isEqualTo("PACKAGED");
        assertThat(before.at("/packages/0/outdated").asBoolean()).isFalse();

        assertThat(edit("1.2.4", title)).hasStatusOk();

        JsonNode after = detail(releaseId);
        assertThat(after.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(after.at("/packages/0/outdated").asBoolean()).isTrue();
        assertThat(outdatedFlags(after, packaged)).containsExactly(true, true);
        assertThat(outdatedFlags(after, tested)).containsExactly(true, true);
        JsonNode edited = after.get("timeline").get(after.get("timeline").size() - 1);
        assertThat(edited.get("action").asString()).isEqualTo("EDITED");
        assertThat(edited.get("facts").get("outdatedTests").asInt()).isEqualTo(1);
        assertThat(edited.get("facts").get("outdatedPackages").asInt()).isEqualTo(1);

        assertThat(deployWithPackage(packaged)).hasStatus(HttpStatus.CONFLICT).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("packageBuildId"))
                .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("已过期"));
        assertThat(count("select count(*) from customer_deployment where release_id = ?",
                UUID.fromString(releaseId))).isZero();
        assertThat(events(EventTypes.RELEASE_DEPLOYED, "releaseId", releaseId)).isEmpty();
        assertThat(detail(releaseId).get("timeline")).hasSize(after.get("timeline").size());

        // packaged again from the edited content: that package is current and may be shipped
        release = detail(releaseId);
        UUID repackaged = built(BuildType.PACKAGE, null);
        assertThat(detail(releaseId).get("status").asString()).isEqualTo("PACKAGED");
        assertThat(deployWithPackage(repackaged)).hasStatus(HttpStatus.CREATED);
    }

    /**
     * build-service's retention removed the package's stored files and said so ({@code build.bundle-removed}, as its
     * BundleRetention publishes it, through the broker): the record shows the package as removed and not deployable,
     * and a deployment naming it is refused with a problem naming the field, in the reader's language; nothing is
     * recorded. Another package of the record stays deployable.
     */
    @Test
    void aPackageWhoseFilesRetentionRemovedIsNeitherOfferedNorAcceptedForADeployment() {
        UUID removed = built(BuildType.PACKAGE, null);
        UUID kept = built(BuildType.PACKAGE, null);
        assertThat(packageOf(detail(releaseId), removed).get("deployable").asBoolean()).isTrue();

        relayed.publish(EventEnvelope.of(EventTypes.BUILD_BUNDLE_REMOVED, Actor.system(),
                AuditEvent.builder(AuditEvent.Kind.BUILD, Action.BUILD_BUNDLE_REMOVED).target(removed, null)
                        .fact("buildType", BuildType.PACKAGE).release(UUID.fromString(releaseId),
                                release.get("number").asString())
                        .fact("retention", "PT4320H").fact("files", 1).build()));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> packageOf(detail(releaseId), removed).hasNonNull("removedAt"));
        JsonNode after = detail(releaseId);
        assertThat(packageOf(after, removed).get("deployable").asBoolean()).isFalse();
        assertThat(packageOf(after, removed).get("outdated").asBoolean()).isFalse();
        assertThat(packageOf(after, kept).get("deployable").asBoolean()).isTrue();
        assertThat(packageOf(after, kept).get("removedAt").isNull()).isTrue();

        assertThat(deployWithPackage(removed)).hasStatus(HttpStatus.CONFLICT).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("packageBuildId"))
                .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("bundle.tgz")
                        .contains("已按保留期限从平台删除"));
        assertThat(deployWithPackage(removed, "en")).hasStatus(HttpStatus.CONFLICT).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("packageBuildId"))
                .hasPathSatisfying("$.detail", v -> v.assertThat().asString()
                        .contains("removed from the platform by the retention setting"));
        assertThat(count("select count(*) from customer_deployment where release_id = ?",
                UUID.fromString(releaseId))).isZero();
        assertThat(events(EventTypes.RELEASE_DEPLOYED, "releaseId", releaseId)).isEmpty();
        assertThat(detail(releaseId).get("timeline")).hasSize(after.get("timeline").size());

        assertThat(deployWithPackage(kept)).hasStatus(HttpStatus.CREATED);
    }

    /**
     * The removal lands on the record's timeline (issue 16: the record says what happened): one {@code PACKAGE_REMOVED}
     * entry by the platform, naming the build and its files with the retention period as facts (the web app words
     * them), however often the event comes. Its only package gone, the record is no longer PACKAGED but TESTED again,
     * on its detail and in the list (nothing left to deploy until it is packaged again). A removed bundle that is none
     * of this service's packages (an upgrade plan's delta bundle) adds nothing.
     */
    @Test
    void aPackageWhoseFilesRetentionRemovedIsOnTheTimelineOnce() {
        built(BuildType.TEST_DEPLOY, UUID.randomUUID());
        UUID removed = built(BuildType.PACKAGE, null);
        JsonNode before = detail(releaseId);
        assertThat(before.get("status").asString()).isEqualTo("PACKAGED");
        AuditEvent removal = AuditEvent.builder(AuditEvent.Kind.BUILD, Action.BUILD_BUNDLE_REMOVED).target(removed, null)
                .fact("buildType", BuildType.PACKAGE).release(UUID.fromString(releaseId),
                        release.get("number").asString())
                .fact("retention", "PT4320H").fact("storedAt", "2026-06-01T08:00:00Z").fact("files", 1).build();
        relayed.publish(EventEnvelope.of(EventTypes.BUILD_BUNDLE_REMOVED, Actor.system(), removal));
        relayed.publish(EventEnvelope.of(EventTypes.BUILD_BUNDLE_REMOVED, Actor.system(),
                AuditEvent.builder(AuditEvent.Kind.BUILD, Action.BUILD_BUNDLE_REMOVED).target(UUID.randomUUID(), null)
                        .fact("buildType", BuildType.PACKAGE).fact("retention", "PT4320H").build()));

        await().atMost(Duration.ofSeconds(15)).until(() -> detail(releaseId).get("timeline").size()
                > before.get("timeline").size());
        // the same removal told again (another event): its inbox row says it was handled
        EventEnvelope<AuditEvent> again = EventEnvelope.of(EventTypes.BUILD_BUNDLE_REMOVED, Actor.system(), removal);
        relayed.publish(again);
        await().atMost(Duration.ofSeconds(15)).until(() -> count(
                "select count(*) from inbox_message where event_id = ?", again.eventId()) == 1);

        JsonNode after = detail(releaseId);
        List<JsonNode> entries = new ArrayList<>();
        after.get("timeline").forEach(entries::add);
        assertThat(entries).hasSize(before.get("timeline").size() + 1);
        JsonNode entry = entries.get(entries.size() - 1);
        assertThat(entry.get("action").asString()).isEqualTo("PACKAGE_REMOVED");
        assertThat(entry.get("refId").asString()).isEqualTo(removed.toString());
        assertThat(entry.at("/actor/id").asString()).isEqualTo(Actor.system().userId());
        assertThat(entry.get("detail").isNull()).isTrue();
        assertThat(entry.at("/facts/files/0").asString()).isEqualTo("bundle.tgz");
        assertThat(entry.at("/facts/files")).hasSize(1);
        assertThat(entry.at("/facts/retentionDays").asInt()).isEqualTo(180);
        assertThat(entry.at("/facts/storedAt").asString()).isEqualTo("2026-06-01T08:00:00Z");
        assertThat(after.get("status").asString()).isEqualTo("TESTED");
        assertThat(listed("status=TESTED")).containsExactly(releaseId);
        assertThat(listed("status=PACKAGED")).isEmpty();
    }

    /** The ids the release list shows for this test's record under {@code filter}. */
    private List<String> listed(String filter) {
        MvcTestResult result = mvc.get().uri("/api/releases?q=" + title + "&" + filter).exchange();
        assertThat(result).hasStatusOk();
        List<String> ids = new ArrayList<>();
        read(result).get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private static JsonNode packageOf(JsonNode detail, UUID build) {
        for (JsonNode p : detail.get("packages")) {
            if (p.get("buildId").asString().equals(build.toString())) {
                return p;
            }
        }
        throw new AssertionError("no package of build " + build + " in " + detail.get("packages"));
    }

    @Test
    void anEditThatKeepsTheVersionsKeepsTheBuilds() {
        UUID packaged = built(BuildType.PACKAGE, null);

        assertThat(edit("1.2.3", unique("New title"))).hasStatusOk();

        JsonNode after = detail(releaseId);
        assertThat(after.get("status").asString()).isEqualTo("PACKAGED");
        assertThat(after.at("/packages/0/outdated").asBoolean()).isFalse();
        assertThat(outdatedFlags(after, packaged)).containsExactly(false, false);
        assertThat(deployWithPackage(packaged)).hasStatus(HttpStatus.CREATED);
    }

    @Test
    void aTestedRecordIsSubmittedAgainAfterAnEditUntilItIsTestedAgain() {
        built(BuildType.TEST_DEPLOY, UUID.randomUUID());
        assertThat(detail(releaseId).get("status").asString()).isEqualTo("TESTED");

        assertThat(edit("1.3.0", title)).hasStatusOk();
        assertThat(detail(releaseId).get("status").asString()).isEqualTo("SUBMITTED");

        release = detail(releaseId);
        built(BuildType.TEST_DEPLOY, UUID.randomUUID());
        assertThat(detail(releaseId).get("status").asString()).isEqualTo("TESTED");
    }
}
