package io.inetpublish.build.build;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.http.Fault;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.security.TestTokens;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

class TriggerAndFollowIT extends JenkinsStubs {

    @Nested
    class HappyPath {

        @Test
        void packagesAReleaseFromQueueToSuccessWithArtifactsAndEvents() throws Exception {
            UUID releaseId = stubRelease("R-2024-101", "gateway@2.3.1", "portal@1.4.0");
            long queueId = newQueueId();
            stubTriggerQueued(packageJob, queueId);

            MvcTestResult triggered = trigger(releaseId, "PACKAGE", null);
            assertThat(triggered).hasStatus(201);
            JsonNode created = body(triggered);
            String id = created.get("id").asString();
            assertThat(created.get("status").asString()).isEqualTo("QUEUED");
            assertThat(created.get("queueId").asLong()).isEqualTo(queueId);
            assertThat(created.get("requestedBy").get("name").asString()).isEqualTo("anonymous");
            assertThat(created.get("requestedBy").propertyNames()).containsExactly("id", "name");
            assertThat(created.get("requestedById")).isNull();
            assertThat(triggered.getResponse().getHeader("Location")).isEqualTo("/api/builds/" + id);
            wm.verify(1, postRequestedFor(urlPathEqualTo(jobUrl(packageJob) + "/buildWithParameters"))
                    .withFormParam("RELEASE_NUMBER", equalTo("R-2024-101"))
                    .withFormParam("COMPONENTS", equalTo("gateway=2.3.1\nportal=1.4.0")));

            stubQueueWaiting(queueId, "Waiting for next available executor");
            JsonNode waiting = follow(id);
            assertThat(waiting.get("status").asString()).isEqualTo("QUEUED");
            assertThat(waiting.get("queueWhy").asString()).isEqualTo("Waiting for next available executor");

            stubQueueLeft(queueId, packageJob, 7);
            JsonNode running = follow(id);
            assertThat(running.get("status").asString()).isEqualTo("RUNNING");
            assertThat(running.get("jenkinsBuildNumber").asInt()).isEqualTo(7);
            assertThat(events("build.started", id)).singleElement()
                    .satisfies(e -> assertThat(e.at("/payload/jenkinsBuildNumber").asInt()).isEqualTo(7));

            stubBuild(packageJob, 7, queueId, true, null);
            assertThat(follow(id).get("status").asString()).isEqualTo("RUNNING");

            byte[] bundle = "pretend this is a tar.gz".getBytes(StandardCharsets.UTF_8);
            stubBuild(packageJob, 7, queueId, false, "SUCCESS", "dist/R-2024-101.tar.gz");
            stubArtifact(packageJob, 7, "dist/R-2024-101.tar.gz", bundle);
            JsonNode done = follow(id);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle));
            assertThat(done.get("status").asString()).isEqualTo("FINISHED");
            assertThat(done.get("result").asString()).isEqualTo("SUCCESS");
            assertThat(done.at("/artifacts/0/relativePath").asString()).isEqualTo("dist/R-2024-101.tar.gz");
            assertThat(done.at("/artifacts/0/size").asLong()).isEqualTo(bundle.length);
            assertThat(done.at("/artifacts/0/sha256").asString()).isEqualTo(sha);

            List<JsonNode> finished = events("build.finished", id);
            assertThat(finished).hasSize(1);
            JsonNode event = finished.get(0);
            assertThat(event.at("/actor/name").asString()).isEqualTo("anonymous");
            assertThat(event.at("/payload/result").asString()).isEqualTo("SUCCESS");
            assertThat(event.at("/payload/buildType").asString()).isEqualTo("PACKAGE");
            assertThat(event.at("/payload/releaseNumber").asString()).isEqualTo("R-2024-101");
            assertThat(event.at("/payload/items/1/component").asString()).isEqualTo("portal");
            assertThat(event.at("/payload/artifacts/0/sha256").asString()).isEqualTo(sha);
            assertThat(event.at("/payload/artifacts/0/downloadPath").asString())
                    .isEqualTo("/api/builds/" + id + "/artifacts/dist/R-2024-101.tar.gz");

            // finished builds are no longer followed
            assertThat(follower.followNow(UUID.fromString(id))).isFalse();
        }

        @Test
        void deploysToAnInternalTestEnvironmentAndReportsFailure() {
            UUID releaseId = stubRelease("R-7", "gateway@2.4.0");
            UUID environmentId = stubEnvironment("test-bj-01", true, "bj-test-01");
            long queueId = newQueueId();
            stubTriggerQueued(deployJob, queueId);

            MvcTestResult triggered = trigger(releaseId, "TEST_DEPLOY", environmentId);
            assertThat(triggered).hasStatus(201);
            String id = body(triggered).get("id").asString();
            assertThat(body(triggered).get("environmentName").asString()).isEqualTo("test-bj-01");
            wm.verify(1, postRequestedFor(urlPathEqualTo(jobUrl(deployJob) + "/buildWithParameters"))
                    .withFormParam("TARGET_ENV", equalTo("bj-test-01"))
                    .withFormParam("COMPONENTS", equalTo("gateway=2.4.0")));

            stubQueueLeft(queueId, deployJob, 31);
            follow(id);
            stubBuild(deployJob, 31, queueId, false, "FAILURE");
            JsonNode done = follow(id);
            assertThat(done.get("result").asString()).isEqualTo("FAILURE");
            assertThat(events("build.finished", id)).singleElement().satisfies(e -> {
                assertThat(e.at("/payload/result").asString()).isEqualTo("FAILURE");
                assertThat(e.at("/payload/environmentId").asString()).isEqualTo(environmentId.toString());
            });
        }

        @Test
        void anIdenticalQueuedRequestIsTheSameBuild() {
            UUID releaseId = stubRelease("R-303", "gateway@1.0.0");
            long queueId = newQueueId();
            stubTriggerQueued(packageJob, queueId);
            String first = body(trigger(releaseId, "PACKAGE", null)).get("id").asString();

            // Jenkins: "Identical item already queued" -> 303 with the existing item's Location
            stubTrigger(packageJob, aResponse().withStatus(303)
                    .withHeader("Location", wm.baseUrl() + "/jenkins/queue/item/" + queueId + "/"));
            MvcTestResult again = trigger(releaseId, "PACKAGE", null);

            assertThat(again).hasStatus(200);
            assertThat(body(again).get("id").asString()).isEqualTo(first);
            assertThat(buildsOfRelease(releaseId)).isEqualTo(1);
        }
    }

    @Nested
    class ClearErrors {

        @Test
        void wrongCredentialsAreAProblemAndNothingIsStored() throws Exception {
            UUID releaseId = stubRelease("R-401", "gateway@1.0.0");
            stubTriggerQueued(packageJob, newQueueId());
            saveSettings(wm.baseUrl() + "/jenkins", "not-the-token");

            MvcTestResult result = trigger(releaseId, "PACKAGE", null);

            assertThat(result).hasStatus(502).bodyJson()
                    .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo(
                            "https://inetpublish.io/problems/jenkins-credentials"))
                    .hasPathSatisfying("$.detail", v -> v.assertThat().isEqualTo(
                            "Jenkins 拒绝了配置的用户和 API Token（401）；需要管理员修改 Jenkins 设置"));
            // the same refusal in the reader's language
            assertThat(trigger(releaseId, "PACKAGE", null, "en")).hasStatus(502).bodyJson()
                    .hasPathSatisfying("$.detail", v -> v.assertThat().isEqualTo("Jenkins refused the configured "
                            + "user and API token (401); an admin has to correct the Jenkins settings"));
            assertThat(result.getResponse().getContentAsString()).doesNotContain("not-the-token")
                    .doesNotContain("Exception");
            assertThat(buildsOfRelease(releaseId)).isZero();
        }

        @Test
        void unknownJobIsAProblemNamingTheJob() {
            UUID releaseId = stubRelease("R-404", "gateway@1.0.0");
            stubTrigger(packageJob, aResponse().withStatus(404).withBody("<html>Not Found</html>"));

            assertThat(trigger(releaseId, "PACKAGE", null)).hasStatus(502).bodyJson()
                    .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo(
                            "https://inetpublish.io/problems/jenkins-job-not-found"))
                    .hasPathSatisfying("$.detail", v -> v.assertThat().isEqualTo(
                            "Jenkins 中没有任务 " + packageJob + "（404）；请检查 Jenkins 设置中的任务"));
            assertThat(trigger(releaseId, "PACKAGE", null, "en")).bodyJson()
                    .hasPathSatisfying("$.detail", v -> v.assertThat().isEqualTo(
                            "Jenkins has no job " + packageJob + " (404); check the job in the Jenkins settings"));
            assertThat(buildsOfRelease(releaseId)).isZero();
        }

        @Test
        void jenkinsAskingForACrumbOrRefusingTheUserAreProblemsAndNothingIsStored() {
            UUID releaseId = stubRelease("R-403", "gateway@1.0.0");
            // docs/integrations.md §3: without a valid crumb, 403 "No valid crumb was included in the request"
            stubTrigger(packageJob, aResponse().withStatus(403)
                    .withBody("<html><body>Error 403 No valid crumb was included in the request</body></html>"));

            assertThat(trigger(releaseId, "PACKAGE", null)).hasStatus(502).bodyJson()
                    .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo(
                            "https://inetpublish.io/problems/jenkins-crumb"))
                    .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("API Token"));

            // the user lacks the permission to build the job
            stubTrigger(packageJob, aResponse().withStatus(403)
                    .withBody("<html><body>ci-bot is missing the Job/Build permission</body></html>"));

            assertThat(trigger(releaseId, "PACKAGE", null)).hasStatus(502).bodyJson()
                    .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo(
                            "https://inetpublish.io/problems/jenkins-forbidden"))
                    .hasPathSatisfying("$.detail", v -> v.assertThat().isEqualTo("Jenkins 不允许配置的用户访问任务 "
                            + packageJob + "（403）；请检查该用户的权限或 API Token"));
            assertThat(trigger(releaseId, "PACKAGE", null, "en")).bodyJson()
                    .hasPathSatisfying("$.detail", v -> v.assertThat().isEqualTo("Jenkins refused access to job "
                            + packageJob + " for the configured user (403); check the user's permissions or the API "
                            + "token"));
            assertThat(buildsOfRelease(releaseId)).isZero();
        }

        @Test
        void jobNotParameterisedOrDisabledAreProblems() {
            UUID releaseId = stubRelease("R-400", "gateway@1.0.0");
            stubTrigger(packageJob, aResponse().withStatus(400)
                    .withBody("<html>" + packageJob + " is not parameterized</html>"));
            assertThat(trigger(releaseId, "PACKAGE", null)).hasStatus(502).bodyJson()
                    .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo(
                            "https://inetpublish.io/problems/jenkins-job-not-parameterized"));

            stubTrigger(packageJob, aResponse().withStatus(409)
                    .withBody("<html>" + packageJob + " is not buildable</html>"));
            assertThat(trigger(releaseId, "PACKAGE", null)).hasStatus(409).bodyJson()
                    .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo(
                            "https://inetpublish.io/problems/jenkins-job-disabled"));
            assertThat(buildsOfRelease(releaseId)).isZero();
        }

        @Test
        void unreachableJenkinsIs503AndAnOpenCircuitAnswersFast() {
            UUID releaseId = stubRelease("R-503", "gateway@1.0.0");
            saveSettings("http://127.0.0.1:9", TOKEN); // nothing listens on the discard port

            assertThat(trigger(releaseId, "PACKAGE", null)).hasStatus(503).bodyJson()
                    .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo(
                            "https://inetpublish.io/problems/jenkins-unavailable"));

            breakers.circuitBreaker("jenkins").transitionToOpenState();
            long started = System.nanoTime();
            assertThat(trigger(releaseId, "PACKAGE", null, "en")).hasStatus(503).bodyJson()
                    .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("paused"));
            assertThat(trigger(releaseId, "PACKAGE", null)).hasStatus(503).bodyJson()
                    .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("调用暂停片刻"));
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1000);
            assertThat(buildsOfRelease(releaseId)).isZero();
        }

        @Test
        void aWithdrawnReleaseIsNotBuilt() {
            UUID releaseId = stubReleaseIn("WITHDRAWN", "REL-2026-0902", "gateway@2.3.6");
            UUID environmentId = stubEnvironment("内部测试1", true, "test-1");
            stubTriggerQueued(packageJob, newQueueId());
            stubTriggerQueued(deployJob, newQueueId());

            for (MvcTestResult refused : List.of(trigger(releaseId, "PACKAGE", null),
                    trigger(releaseId, "TEST_DEPLOY", environmentId))) {
                assertThat(refused).hasStatus(409).bodyJson()
                        .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("releaseId"))
                        .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("REL-2026-0902")
                                .contains("已撤回"));
            }
            assertThat(buildsOfRelease(releaseId)).isZero();
            wm.verify(0, postRequestedFor(urlPathMatching("/jenkins/.*")));
        }

        @Test
        void onlySupportAndAdminsMayPackageWhileDevelopersMayDeployToTest() {
            UUID releaseId = stubRelease("REL-2026-0901", "gateway@2.3.5");
            stubTriggerQueued(packageJob, newQueueId());
            String body = "{\"releaseId\":\"%s\",\"type\":\"PACKAGE\"}".formatted(releaseId);

            for (Role role : new Role[] {Role.DEVELOPER, Role.TESTER, Role.VIEWER}) {
                assertThat(mvc.post().uri("/api/builds").with(TestTokens.bearer(role))
                        .contentType(MediaType.APPLICATION_JSON).content(body)).hasStatus(403);
            }
            assertThat(buildsOfRelease(releaseId)).isZero();
            wm.verify(0, postRequestedFor(urlPathMatching("/jenkins/.*")));

            assertThat(mvc.post().uri("/api/builds").with(TestTokens.bearer(Role.SUPPORT))
                    .contentType(MediaType.APPLICATION_JSON).content(body)).hasStatus(201);
        }

        @Test
        void releaseServiceDownIs503AndNothingIsStoredOrTriggered() {
            UUID releaseId = UUID.randomUUID();
            wm.stubFor(get(urlEqualTo("/api/releases/" + releaseId))
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            stubTriggerQueued(packageJob, newQueueId());

            assertThat(trigger(releaseId, "PACKAGE", null)).hasStatus(503).bodyJson()
                    .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo(
                            "https://inetpublish.io/problems/downstream-unavailable"))
                    .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("release-service"));
            assertThat(buildsOfRelease(releaseId)).isZero();
            wm.verify(0, postRequestedFor(urlPathMatching("/jenkins/.*")));
        }

        @Test
        void aTestDeploymentNeedsAnInternalTestEnvironmentWithATarget() {
            UUID releaseId = stubRelease("R-env", "gateway@1.0.0");
            UUID customerEnv = stubEnvironment("acme-prod", false, "acme");
            UUID noTarget = stubEnvironment("test-x", true, null);

            assertThat(trigger(releaseId, "TEST_DEPLOY", customerEnv)).hasStatus(400).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("environmentId"));
            assertThat(trigger(releaseId, "TEST_DEPLOY", noTarget)).hasStatus(400).bodyJson()
                    .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString()
                            .contains("没有配置 Jenkins 目标"));
            assertThat(trigger(releaseId, "TEST_DEPLOY", null)).hasStatus(400).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("environmentId"));
            assertThat(trigger(UUID.randomUUID(), "PACKAGE", null)).hasStatus(400).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("releaseId"));
            assertThat(buildsOfRelease(releaseId)).isZero();
            wm.verify(0, postRequestedFor(urlPathMatching("/jenkins/.*")));
        }
    }

    @Nested
    class NeverADuplicate {

        @Test
        void aTriggerWhoseAnswerIsLostIsLookedForNotSentAgain() {
            UUID releaseId = stubRelease("R-timeout", "gateway@3.0.0");
            long queueId = newQueueId();
            stubTrigger(packageJob, aResponse().withStatus(201).withFixedDelay(3000)
                    .withHeader("Location", wm.baseUrl() + "/jenkins/queue/item/" + queueId + "/"));

            MvcTestResult result = trigger(releaseId, "PACKAGE", null);

            assertThat(result).hasStatus(202);
            String id = body(result).get("id").asString();
            assertThat(body(result).get("status").asString()).isEqualTo("UNCONFIRMED");

            // an older build with other parameters, and ours
            long now = System.currentTimeMillis();
            stubJobBuilds(packageJob, """
                    {"number":11,"url":"x","queueId":5,"timestamp":%d,"actions":[{"parameters":[
                      {"name":"RELEASE_NUMBER","value":"R-other"},{"name":"COMPONENTS","value":"gateway=3.0.0"}]}]},
                    {"number":12,"url":"%s%s/12/","queueId":%d,"timestamp":%d,"actions":[{},{"parameters":[
                      {"name":"RELEASE_NUMBER","value":"R-timeout"},{"name":"COMPONENTS","value":"gateway=3.0.0"}]}]}
                    """.formatted(now, wm.baseUrl(), jobUrl(packageJob), queueId, now));
            JsonNode found = follow(id);

            assertThat(found.get("status").asString()).isEqualTo("RUNNING");
            assertThat(found.get("jenkinsBuildNumber").asInt()).isEqualTo(12);
            assertThat(found.get("queueId").asLong()).isEqualTo(queueId);
            wm.verify(1, postRequestedFor(urlPathEqualTo(jobUrl(packageJob) + "/buildWithParameters")));
        }
    }

    @Nested
    class FollowingSurvives {

        @Test
        void aVanishedQueueItemIsFoundByItsQueueId() {
            long queueId = newQueueId();
            String id = queuedPackage(queueId);
            stubQueueGone(queueId);
            stubJobBuilds(packageJob, """
                    {"number":41,"url":"%s%s/41/","queueId":%d},{"number":40,"url":"y","queueId":1}
                    """.formatted(wm.baseUrl(), jobUrl(packageJob), queueId));

            JsonNode found = follow(id);

            assertThat(found.get("status").asString()).isEqualTo("RUNNING");
            assertThat(found.get("jenkinsBuildNumber").asInt()).isEqualTo(41);
        }

        @Test
        void aVanishedQueueItemWithoutABuildEndsLostWithTheReason() {
            long queueId = newQueueId();
            String id = queuedPackage(queueId);
            stubQueueGone(queueId);
            stubJobBuilds(packageJob, "");

            JsonNode lost = follow(id);

            assertThat(lost.get("result").asString()).isEqualTo("LOST");
            assertThat(build(id, "en").get("reason").asString()).contains("queue item " + queueId);
            assertThat(lost.get("reason").asString()).contains("队列项 " + queueId);
            assertThat(events("build.finished", id)).singleElement()
                    .satisfies(e -> assertThat(e.at("/payload/result").asString()).isEqualTo("LOST"));
        }

        @Test
        void aCancelledQueueItemEndsAborted() {
            long queueId = newQueueId();
            String id = queuedPackage(queueId);
            stubQueueCancelled(queueId);

            JsonNode done = follow(id);

            assertThat(done.get("result").asString()).isEqualTo("ABORTED");
            assertThat(events("build.started", id)).isEmpty();
            assertThat(events("build.finished", id)).hasSize(1);
        }

        @Test
        void jenkinsFailingForAWhileIsRetriedAndTheRealResultStillArrives() {
            Running running = runningPackage(3);
            String id = running.id();
            long queueId = running.queueId();

            wm.stubFor(get(urlEqualTo(jobUrl(packageJob) + "/3/api/json"))
                    .willReturn(aResponse().withStatus(503).withBody("Jenkins is restarting")));
            JsonNode troubled = follow(id);
            assertThat(troubled.get("status").asString()).isEqualTo("RUNNING");
            // read-only calls are retried inside one look (3 attempts)
            wm.verify(3, getRequestedFor(urlEqualTo(jobUrl(packageJob) + "/3/api/json")));

            // the failures opened the circuit: while it is open the follower does not even ask
            assertThat(breakers.circuitBreaker("jenkins").getState().name()).isEqualTo("OPEN");
            stubBuild(packageJob, 3, queueId, false, "ABORTED");
            assertThat(follow(id).get("status").asString()).isEqualTo("RUNNING");

            breakers.circuitBreaker("jenkins").transitionToHalfOpenState(); // its pause is over
            JsonNode done = follow(id);
            assertThat(done.get("result").asString()).isEqualTo("ABORTED");
        }

        @Test
        void jenkinsTooSlowToAnswerIsAFailedLookNotALostBuild() {
            Running running = runningPackage(4);
            String id = running.id();
            long queueId = running.queueId();
            // longer than the read timeout of the suite (1.5 s)
            wm.stubFor(get(urlEqualTo(jobUrl(packageJob) + "/4/api/json"))
                    .willReturn(okJson("{}").withFixedDelay(2_500)));

            JsonNode slow = follow(id);

            assertThat(slow.get("status").asString()).isEqualTo("RUNNING");
            assertThat(slow.hasNonNull("result")).isFalse();
            breakers.circuitBreaker("jenkins").reset();
            stubBuild(packageJob, 4, queueId, false, "SUCCESS");
            assertThat(follow(id).get("result").asString()).isEqualTo("SUCCESS");
            assertThat(events("build.finished", id)).hasSize(1);
        }

        @Test
        void jenkinsStayingAwayEndsLostWithTheReasonNeverStuck() {
            long queueId = newQueueId();
            String id = queuedPackage(queueId);
            wm.stubFor(get(urlEqualTo("/jenkins/queue/item/" + queueId + "/api/json"))
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

            follow(id);
            JsonNode second = follow(id);
            assertThat(second.get("status").asString()).isEqualTo("QUEUED");
            JsonNode lost = follow(id);

            assertThat(lost.get("status").asString()).isEqualTo("FINISHED");
            assertThat(lost.get("result").asString()).isEqualTo("LOST");
            assertThat(build(id, "en").get("reason").asString()).contains("3 failed attempts")
                    .contains("not reachable");
            assertThat(lost.get("reason").asString()).contains("尝试 3 次").contains("无法访问");
            assertThat(events("build.finished", id)).singleElement()
                    .satisfies(e -> {
                        // Jenkins last answered when it queued the build: the reason says since when
                        assertThat(e.at("/payload/reasonText/code").asString()).isEqualTo("build.reason.gave-up-since");
                        assertThat(e.at("/payload/reasonText/args/0").asLong()).isEqualTo(3);
                        assertThat(e.at("/payload/reason").asString()).contains("failed attempts");
                    });
        }

        @Test
        void aBuildLeftRunningByAPreviousProcessIsResumedFromTheDatabase() {
            Running running = runningPackage(9);
            String id = running.id();
            long queueId = running.queueId();
            // the process stopped mid-poll: its lease ran out, nothing is in memory any more
            jdbc.update("update build set next_poll_at = timestamp '2000-01-01 00:00:00+00' where id = ?",
                    UUID.fromString(id));
            stubBuild(packageJob, 9, queueId, false, "UNSTABLE");

            assertThat(follower.followDue()).isPositive();

            assertThat(build(id).get("result").asString()).isEqualTo("UNSTABLE");
        }
    }
}
