package io.inetpublish.release.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import db.migration.V36_2__Build_reasons_in_timeline_as_codes;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.BuildStarted;
import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.SyncSource;
import io.inetpublish.common.i18n.StoredText;
import io.inetpublish.common.test.JavaMigrations;
import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.ReleaseItSupport;
import io.inetpublish.release.deployment.DeploymentSync;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@ReleaseIntegrationTest
class BuildOutcomesIT extends ReleaseItSupport {

    static final Actor TESTER = new Actor("u-t", "Tess Tester");

    @Autowired
    BuildOutcomes outcomes;

    @Autowired
    DeploymentSync sync;

    @Autowired
    DataSource dataSource;

    private List<String> actions(JsonNode detail) {
        List<String> actions = new ArrayList<>();
        detail.get("timeline").forEach(e -> actions.add(e.get("action").asString()));
        return actions;
    }

    private BuildFinished tested(JsonNode release, UUID buildId, BuildResult result, UUID env) {
        return finished(BuildFinished.testDeployment(buildId, result, env, "test-1"), release, result);
    }

    private BuildFinished packaged(JsonNode release, UUID buildId, BuildResult result,
            List<BuildFinished.Artifact> artifacts) {
        return finished(BuildFinished.releasePackage(buildId, result).artifacts(artifacts), release, result);
    }

    private static BuildFinished finished(BuildFinished.Builder build, JsonNode release, BuildResult result) {
        return build.reason(result == BuildResult.FAILURE ? StoredText.of("build.reason.jenkins-result", "CYCLE") : null,
                        result == BuildResult.FAILURE ? "Jenkins: CYCLE" : null)
                .release(UUID.fromString(release.get("id").asString()), release.get("number").asString(),
                        release.get("title").asString())
                .jenkins(12, "http://jenkins/12").items(items(release)).build();
    }

    /** What a build of the release as submitted builds. */
    static List<ComponentVersion> items(JsonNode release) {
        List<ComponentVersion> items = new ArrayList<>();
        release.get("items").forEach(i -> items.add(new ComponentVersion(i.get("component").asString(),
                i.get("version").asString())));
        return items;
    }

    @Test
    void testDeploymentRequestedThenFinishedShowsPerEnvironmentAndIsIdempotent() {
        JsonNode release = submitRelease(unique("td"));
        UUID releaseId = UUID.fromString(release.get("id").asString());
        UUID build = UUID.randomUUID();
        UUID env = UUID.randomUUID();

        outcomes.requested(new BuildStarted(1, build, BuildType.TEST_DEPLOY, releaseId, null, env, 12, null, items(release)), TESTER);
        assertThat(detail(releaseId.toString()).get("status").asString()).isEqualTo("IN_TEST");

        outcomes.apply(tested(release, build, BuildResult.SUCCESS, env), TESTER);
        outcomes.apply(tested(release, build, BuildResult.SUCCESS, env), TESTER);
        outcomes.requested(new BuildStarted(1, build, BuildType.TEST_DEPLOY, releaseId, null, env, 12, null, items(release)), TESTER);

        JsonNode detail = detail(releaseId.toString());
        assertThat(detail.get("status").asString()).isEqualTo("TESTED");
        assertThat(actions(detail)).containsExactly("SUBMITTED", "TEST_DEPLOYMENT_REQUESTED",
                "TEST_DEPLOYMENT_FINISHED");
        JsonNode entry = detail.get("timeline").get(2);
        assertThat(entry.get("facts").get("result").asString()).isEqualTo("SUCCESS");
        assertThat(entry.get("facts").get("jenkinsBuildNumber").asInt()).isEqualTo(12);
        assertThat(entry.get("environmentName").asString()).isEqualTo("test-1");
        assertThat(entry.get("actor").get("name").asString()).isEqualTo("Tess Tester");

        sync.markSynced(EnvironmentVersionsSynced.synced(build, SyncSource.TEST_DEPLOYMENT, env, "test-1")
                .release(releaseId, null).changes(List.of(new EnvironmentVersionsSynced.Change("x", null, "1")))
                .build(), TESTER);
        sync.markSynced(EnvironmentVersionsSynced.synced(build, SyncSource.TEST_DEPLOYMENT, env, "test-1")
                .release(releaseId, null).build(), TESTER);
        detail = detail(releaseId.toString());
        assertThat(actions(detail)).endsWith("TEST_DEPLOYMENT_FINISHED", "VERSIONS_SYNCED");
        JsonNode synced = detail.get("timeline").get(3);
        assertThat(synced.get("environmentName").asString()).isEqualTo("test-1");
        assertThat(synced.get("facts").get("kind").asString()).isEqualTo("TEST_DEPLOYMENT");
        assertThat(synced.get("facts").get("changes").get(0).get("component").asString()).isEqualTo("x");
        assertThat(synced.get("facts").get("changes").get(0).get("from").isNull()).isTrue();
        assertThat(synced.get("facts").get("changes").get(0).get("to").asString()).isEqualTo("1");
        assertThat(detail.get("status").asString()).isEqualTo("TESTED");
    }

    /**
     * UNSTABLE: the deployment ran to its end with warnings (docs/events.md, "Results"). The record is TESTED as after
     * a SUCCESS, and its timeline entry says the result was unstable.
     */
    @Test
    void anUnstableTestDeploymentMakesTheRecordTestedAndSaysItWasUnstable() {
        JsonNode release = submitRelease(unique("tu"));
        UUID releaseId = UUID.fromString(release.get("id").asString());
        UUID build = UUID.randomUUID();
        UUID env = UUID.randomUUID();

        outcomes.apply(tested(release, build, BuildResult.UNSTABLE, env), TESTER);

        JsonNode detail = detail(releaseId.toString());
        assertThat(detail.get("status").asString()).isEqualTo("TESTED");
        assertThat(actions(detail)).containsExactly("SUBMITTED", "TEST_DEPLOYMENT_FINISHED");
        assertThat(detail.get("timeline").get(1).get("facts").get("result").asString()).isEqualTo("UNSTABLE");
        assertThat(detail.get("timeline").get(1).get("environmentName").asString()).isEqualTo("test-1");
    }

    /** An unstable package is usable: its files are the record's package, and the entry says it was unstable. */
    @Test
    void anUnstablePackagingAttachesItsPackageAndSaysItWasUnstable() {
        JsonNode release = submitRelease(unique("pu"));
        UUID releaseId = UUID.fromString(release.get("id").asString());

        outcomes.apply(packaged(release, UUID.randomUUID(), BuildResult.UNSTABLE, List.of(
                new BuildFinished.Artifact("bundle.tar.gz", "out/bundle.tar.gz", 1024L, "ab12", null))), TESTER);

        JsonNode detail = detail(releaseId.toString());
        assertThat(detail.get("status").asString()).isEqualTo("PACKAGED");
        assertThat(detail.get("packages")).hasSize(1);
        assertThat(actions(detail)).containsExactly("SUBMITTED", "PACKAGING_FINISHED");
        assertThat(detail.get("timeline").get(1).get("facts").get("result").asString()).isEqualTo("UNSTABLE");
    }

    /**
     * V36_2: a failed build's entry recorded before reasons came as codes keeps build-service's English sentence; the
     * migration reads each sentence the catalogue writes back into its codes (nested ones too) and leaves other texts.
     */
    @Test
    void reasonsRecordedAsEnglishSentencesBeforeCodesAreReadBackIntoCodes() throws Exception {
        JsonNode release = submitRelease(unique("old-reason"));
        outcomes.apply(tested(release, UUID.randomUUID(), BuildResult.FAILURE, UUID.randomUUID()), TESTER);
        outcomes.apply(tested(release, UUID.randomUUID(), BuildResult.FAILURE, UUID.randomUUID()), TESTER);
        List<Long> entries = jdbc.queryForList("select id from release_timeline where release_id = ?"
                + " and action = 'TEST_DEPLOYMENT_FAILED' order by id", Long.class,
                UUID.fromString(release.get("id").asString()));
        String sentence = "Gave up after 3 failed attempts to reach the build in Jenkins (last answer "
                + "2026-11-30T08:00:00Z): Jenkins is not reachable right now (Connection refused); please try again"
                + " shortly";
        jdbc.update("update release_timeline set facts = jsonb_set(facts, '{reason}', to_jsonb(?::text)) where id = ?",
                sentence, entries.get(0));
        jdbc.update("update release_timeline set facts = jsonb_set(facts, '{reason}', to_jsonb(?::text)) where id = ?",
                "deploy script exited with 1", entries.get(1));

        JavaMigrations.run(new V36_2__Build_reasons_in_timeline_as_codes(), dataSource);

        JsonNode timeline = detail(release.get("id").asString()).get("timeline");
        JsonNode read = timeline.get(1).get("facts").get("reason");
        assertThat(StoredText.fromJson(read.toString())).isEqualTo(StoredText.of("build.reason.gave-up-since", 3,
                "2026-11-30T08:00:00Z", StoredText.of("jenkins.unreachable", "Connection refused")));
        assertThat(timeline.get(2).get("facts").get("reason").asString()).isEqualTo("deploy script exited with 1");
    }

    @Test
    void failedTestDeploymentIsShownAndLeavesTheReleaseSubmitted() {
        JsonNode release = submitRelease(unique("tf"));
        outcomes.apply(tested(release, UUID.randomUUID(), BuildResult.FAILURE, UUID.randomUUID()), TESTER);
        JsonNode detail = detail(release.get("id").asString());
        assertThat(detail.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(detail.get("timeline").get(1).get("action").asString()).isEqualTo("TEST_DEPLOYMENT_FAILED");
        assertThat(detail.get("timeline").get(1).get("facts").get("result").asString()).isEqualTo("FAILURE");
        assertThat(detail.get("timeline").get(1).get("facts").get("reason").get("code").asString())
                .isEqualTo("build.reason.jenkins-result");
        assertThat(detail.get("timeline").get(1).get("facts").at("/reason/args/0").asString()).isEqualTo("CYCLE");
    }

    @Test
    void finishedPackagingAttachesThePackagesWithDownloadPathsOnce() {
        JsonNode release = submitRelease(unique("pk"));
        UUID releaseId = UUID.fromString(release.get("id").asString());
        UUID build = UUID.randomUUID();
        outcomes.requested(new BuildStarted(1, build, BuildType.PACKAGE, releaseId, null, null, 3, null, items(release)), TESTER);
        assertThat(detail(releaseId.toString()).get("status").asString()).isEqualTo("PACKAGING");

        List<BuildFinished.Artifact> artifacts = List.of(
                new BuildFinished.Artifact("bundle.tar.gz", "out/bundle.tar.gz", 1024L, "ab12", null),
                new BuildFinished.Artifact("manifest.txt", "out/manifest.txt", 10L, "cd34", null));
        outcomes.apply(packaged(release, build, BuildResult.SUCCESS, artifacts), TESTER);
        outcomes.apply(packaged(release, build, BuildResult.SUCCESS, artifacts), TESTER);

        JsonNode detail = detail(releaseId.toString());
        assertThat(detail.get("status").asString()).isEqualTo("PACKAGED");
        assertThat(detail.get("packages")).hasSize(2);
        assertThat(detail.get("packages").get(0).get("downloadPath").asString())
                .isEqualTo("/api/builds/" + build + "/artifacts/out/bundle.tar.gz");
        assertThat(detail.get("packages").get(0).get("size").asLong()).isEqualTo(1024);
        assertThat(actions(detail)).containsExactly("SUBMITTED", "PACKAGING_REQUESTED", "PACKAGING_FINISHED");
        assertThat(java.util.stream.StreamSupport.stream(
                detail.get("timeline").get(2).get("facts").get("artifacts").spliterator(), false).map(JsonNode::asString))
                .containsExactly("bundle.tar.gz", "manifest.txt");
    }

    @Test
    void failedPackagingEndsPackaging() {
        JsonNode release = submitRelease(unique("pf"));
        UUID releaseId = UUID.fromString(release.get("id").asString());
        UUID build = UUID.randomUUID();
        outcomes.requested(new BuildStarted(1, build, BuildType.PACKAGE, releaseId, null, null, 3, null, items(release)), TESTER);
        outcomes.apply(packaged(release, build, BuildResult.FAILURE, List.of()), TESTER);

        JsonNode detail = detail(releaseId.toString());
        assertThat(detail.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(detail.get("packages")).isEmpty();
        assertThat(actions(detail)).endsWith("PACKAGING_FAILED");
    }

    @Test
    void ignoresAnEventAboutAnUnknownRelease() {
        UUID unknown = UUID.randomUUID();
        outcomes.apply(BuildFinished.releasePackage(UUID.randomUUID(), BuildResult.SUCCESS)
                .release(unknown, null, null).build(), TESTER);
        assertThat(count("select count(*) from release_timeline where release_id = ?", unknown)).isZero();
    }
}
