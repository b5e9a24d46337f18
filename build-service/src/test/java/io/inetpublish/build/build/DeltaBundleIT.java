package io.inetpublish.build.build;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * A delta bundle (issue 17, item 2): a PACKAGE for an environment's upgrade plan. The package job gets exactly the
 * computed component list; the build names the environment, the plan and the records; bad input names the field.
 */
class DeltaBundleIT extends JenkinsStubs {

    UUID customerEnvironment(String name) {
        UUID id = UUID.randomUUID();
        wm.stubFor(get(urlEqualTo("/api/environments/" + id)).willReturn(okJson("""
                {"id":"%s","customerId":"%s","customerName":"华东电力","name":"%s","type":"PROD",
                 "internalTest":false,"jenkinsTarget":null}""".formatted(id, UUID.randomUUID(), name))));
        return id;
    }

    MvcTestResult triggerPlan(String body) {
        return mvc.post().uri("/api/builds").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    @Test
    void packagesExactlyThePlansComponentVersionsAndIsKeptLikeAnyPackage() {
        UUID environment = customerEnvironment("生产");
        UUID first = stubRelease("REL-2026-0001", "gateway@2.3.4");
        UUID second = stubRelease("REL-2026-0007", "gateway@2.3.5", "portal@1.4.0");
        long queueId = newQueueId();
        stubTriggerQueued(packageJob, queueId);

        MvcTestResult triggered = triggerPlan("""
                {"type":"PACKAGE","environmentId":"%s","items":[{"component":"gateway","version":"2.3.5"},
                 {"component":"portal","version":"1.4.0"}],"releaseIds":["%s","%s"],
                 "plan":"/plans?environmentId=%s&target=mainline"}""".formatted(environment, first, second, environment));
        assertThat(triggered).hasStatus(201);
        JsonNode build = body(triggered);
        String id = build.get("id").asString();
        assertThat(build.get("releaseId").isNull()).isTrue();
        assertThat(build.get("releaseNumber").asString()).matches("UPGRADE-\\d{8}-\\d{6}");
        assertThat(build.get("environmentId").asString()).isEqualTo(environment.toString());
        assertThat(build.get("environmentName").asString()).isEqualTo("生产");
        assertThat(build.get("customerName").asString()).isEqualTo("华东电力");
        assertThat(build.get("plan").asString()).isEqualTo("/plans?environmentId=" + environment + "&target=mainline");
        assertThat(build.at("/releases/0/number").asString()).isEqualTo("REL-2026-0001");
        assertThat(build.at("/releases/1/number").asString()).isEqualTo("REL-2026-0007");
        assertThat(build.at("/items/1/component").asString()).isEqualTo("portal");
        wm.verify(1, postRequestedFor(urlPathEqualTo(jobUrl(packageJob) + "/buildWithParameters"))
                .withFormParam("RELEASE_NUMBER", equalTo(build.get("releaseNumber").asString()))
                .withFormParam("COMPONENTS", equalTo("gateway=2.3.5\nportal=1.4.0")));

        // listed for the environment
        JsonNode listed = body(mvc.get().uri("/api/builds?environmentId=" + environment).exchange());
        assertThat(listed.at("/items/0/id").asString()).isEqualTo(id);

        // it runs and is kept like any package; its manifest says what it was built for
        stubQueueLeft(queueId, packageJob, 41);
        follow(id);
        byte[] content = BundleIT.bytes(5000, 41);
        String path = "dist/" + build.get("releaseNumber").asString() + ".tar.gz";
        stubBuild(packageJob, 41, queueId, false, "SUCCESS", path);
        stubArtifact(packageJob, 41, path, content);
        JsonNode done = follow(id);
        assertThat(done.at("/bundle/status").asString()).isEqualTo("STORED");
        JsonNode manifest = body(mvc.get().uri("/api/builds/" + id + "/manifest").exchange());
        assertThat(manifest.get("kind").asString()).isEqualTo("PLAN");
        assertThat(manifest.get("release").isNull()).isTrue();
        assertThat(manifest.at("/environment/customerName").asString()).isEqualTo("华东电力");
        assertThat(manifest.at("/releases/1/id").asString()).isEqualTo(second.toString());
        assertThat(manifest.get("plan").asString()).startsWith("/plans?");
        assertThat(manifest.at("/components/0/version").asString()).isEqualTo("2.3.5");

        JsonNode finished = events("build.finished", id).getFirst().get("payload");
        assertThat(finished.get("releaseId").isNull()).isTrue();
        assertThat(finished.get("customerName").asString()).isEqualTo("华东电力");
        assertThat(finished.get("plan").asString()).startsWith("/plans?");
        assertThat(finished.at("/releases/0/releaseNumber").asString()).isEqualTo("REL-2026-0001");
        String audit = jdbc.queryForObject("""
                select envelope::text from outbox_event where event_type = 'build.triggered' and envelope::text like ?
                """, String.class, "%" + id + "%");
        assertThat(audit).as("the operation log names the plan's records and the bundle")
                .contains("REL-2026-0001,REL-2026-0007").contains(build.get("releaseNumber").asString());
    }

    @Nested
    class BadInput {

        void refused(String body, int status, String field) {
            MvcTestResult result = triggerPlan(body);
            assertThat(result).hasStatus(status);
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
            wm.verify(0, postRequestedFor(urlPathMatching("/jenkins/.*")));
        }

        @Test
        void namesTheFieldAndSendsNothing() {
            UUID environment = customerEnvironment("生产");
            UUID withdrawn = stubReleaseIn("WITHDRAWN", "REL-2026-0009", "gateway@2.3.5");
            UUID ok = stubRelease("REL-2026-0010", "gateway@2.3.5");
            String item = "{\"component\":\"gateway\",\"version\":\"2.3.5\"}";
            refused("{\"type\":\"PACKAGE\",\"environmentId\":\"%s\",\"items\":[]}".formatted(environment), 400, "items");
            refused("{\"type\":\"PACKAGE\",\"environmentId\":\"%s\",\"items\":[%s,{\"component\":\"portal\",\"version\":\"1.x y\"}]}"
                    .formatted(environment, item), 400, "items[1].version");
            refused("{\"type\":\"PACKAGE\",\"environmentId\":\"%s\",\"items\":[%s,%s]}".formatted(environment, item, item),
                    400, "items[1].component");
            refused("{\"type\":\"PACKAGE\",\"environmentId\":\"%s\",\"items\":[{\"component\":\"\",\"version\":\"1.0\"}]}"
                    .formatted(environment), 400, "items[0].component");
            refused("{\"type\":\"PACKAGE\",\"items\":[%s]}".formatted(item), 400, "environmentId");
            refused("{\"type\":\"PACKAGE\",\"environmentId\":\"%s\",\"items\":[%s]}".formatted(UUID.randomUUID(), item),
                    400, "environmentId");
            refused("{\"type\":\"PACKAGE\",\"environmentId\":\"%s\",\"items\":[%s],\"releaseIds\":[\"%s\",\"%s\"]}"
                    .formatted(environment, item, ok, UUID.randomUUID()), 400, "releaseIds[1]");
            refused("{\"type\":\"PACKAGE\",\"environmentId\":\"%s\",\"items\":[%s],\"releaseIds\":[\"%s\"]}"
                    .formatted(environment, item, withdrawn), 409, "releaseIds[0]");
            refused("{\"type\":\"PACKAGE\",\"environmentId\":\"%s\",\"items\":[%s],\"plan\":\"https://evil.example/x\"}"
                    .formatted(environment, item), 400, "plan");
            refused("{\"type\":\"PACKAGE\",\"environmentId\":\"%s\",\"items\":[%s],\"plan\":\"//evil.example/x\"}"
                    .formatted(environment, item), 400, "plan");
            refused("{\"type\":\"PACKAGE\"}", 400, "releaseId");
        }
    }
}
