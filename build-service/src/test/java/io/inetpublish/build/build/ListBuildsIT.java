package io.inetpublish.build.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.build.BuildServiceIntegrationTest;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.i18n.StoredText;
import io.inetpublish.common.test.SqlStatements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@BuildServiceIntegrationTest
class ListBuildsIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    BuildRepository builds;

    @Test
    void aPageOfBuildsComesWithItsItemsAndArtifactsInAFewQueriesNotTwoPerBuild() {
        UUID releaseId = UUID.randomUUID();
        for (int i = 0; i < 6; i++) {
            Build build = Build.triggering(BuildType.PACKAGE, releaseId, "R-" + i, "release " + i,
                    List.of(new BuildItem("gateway", "1.0." + i), new BuildItem("report-web", "2.0." + i)), null, null,
                    null, "it/package", "{}", new Actor("u1", "Tester"), null);
            build.finished(BuildResult.SUCCESS, null, List.of(new BuildArtifact("bundle-" + i + ".zip", "out/bundle.zip")),
                    Instant.now());
            builds.save(build);
        }

        int statements = SqlStatements.countedWhile(() -> assertThat(mvc.get().uri("/api/builds")
                .param("releaseId", releaseId.toString())).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.items[*].items", v -> v.assertThat().asArray().hasSize(6)
                        .allSatisfy(items -> assertThat(items.toString()).contains("report-web")))
                .hasPathSatisfying("$.items[*].artifacts", v -> v.assertThat().asArray().hasSize(6)
                        .allSatisfy(artifacts -> assertThat(artifacts.toString()).contains(".zip"))));

        // the page, its count, the items of all six builds at once and their artifacts at once
        assertThat(statements).isLessThanOrEqualTo(4);
    }

    @Test
    void listsOnlyTheBuildsInTheAskedStatuses() {
        UUID releaseId = UUID.randomUUID();
        Actor actor = new Actor("u1", "Tester");
        Build triggering = build(releaseId, actor);
        Build unconfirmed = build(releaseId, actor);
        unconfirmed.unconfirmed(StoredText.of("build.reason.unconfirmed", "ops/package"), Instant.now());
        Build queued = build(releaseId, actor);
        queued.queued(System.nanoTime(), Instant.now());
        Build finished = build(releaseId, actor);
        finished.finished(BuildResult.SUCCESS, null, List.of(), Instant.now());
        builds.saveAll(List.of(triggering, unconfirmed, queued, finished));

        assertThat(mvc.get().uri("/api/builds").param("releaseId", releaseId.toString())
                .param("status", "TRIGGERING", "UNCONFIRMED", "QUEUED", "RUNNING")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.items[*].status", v -> v.assertThat().asArray()
                        .containsExactlyInAnyOrder("TRIGGERING", "UNCONFIRMED", "QUEUED"));
        assertThat(mvc.get().uri("/api/builds").param("status", "FINISHED").param("size", "200")).hasStatusOk()
                .bodyJson().hasPathSatisfying("$.items[*].status", v -> v.assertThat().asArray().isNotEmpty()
                        .allSatisfy(status -> assertThat(status).isEqualTo("FINISHED")));
        assertThat(mvc.get().uri("/api/builds").param("status", "PENDING")).hasStatus(400).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("status"));
    }

    private static Build build(UUID releaseId, Actor actor) {
        return Build.triggering(BuildType.TEST_DEPLOY, releaseId, "R-1", "release", List.of(new BuildItem("gateway",
                "1.0.0")), UUID.randomUUID(), "内部测试1", "test-1", "it/deploy-test", "{}", actor, null);
    }
}
