package io.inetpublish.build.build;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.inetpublish.build.WireMockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The Jenkins address is a way out of the platform only to where the operator allows: issue 21's probes (a saved
 * {@code http://127.0.0.1:18999/#} that received the stored token, {@code …:8761/eureka/apps#} whose registry came
 * back as a build log) are refused at the settings and at every request.
 */
class JenkinsAddressIT extends JenkinsStubs {

    private MvcTestResult save(String baseUrl, String token) {
        return save(baseUrl, token, null);
    }

    private MvcTestResult save(String baseUrl, String token, String language) {
        String body = """
                {"baseUrl":"%s","username":"%s","apiToken":%s,"testDeployJob":"%s","packageJob":"%s",
                 "parameters":{"releaseNumber":"RELEASE_NUMBER","components":"COMPONENTS","targetEnvironment":"TARGET_ENV"}}
                """.formatted(baseUrl, USER, token == null ? "null" : "\"" + token + "\"", deployJob, packageJob);
        var request = mvc.put().uri("/api/builds/settings").contentType(MediaType.APPLICATION_JSON).content(body);
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return request.exchange();
    }

    @Test
    void aRefusedAddressSaysWhyInTheReadersLanguage() {
        MvcTestResult chinese = save("http://jenkins.example:9090/", TOKEN);
        assertRefusedField(chinese, "baseUrl");
        assertThat(body(chinese).get("errors").get(0).get("message").asString())
                .isEqualTo("必须在运维允许的集成主机（INETPUBLISH_INTEGRATION_HOSTS）上；jenkins.example:9090 不在其中");
        MvcTestResult english = save("http://jenkins.example:9090/", TOKEN, "en");
        assertRefusedField(english, "baseUrl");
        assertThat(body(english).get("errors").get(0).get("message").asString()).isEqualTo("must be on an "
                + "integration host the operator allows (INETPUBLISH_INTEGRATION_HOSTS); jenkins.example:9090 is not "
                + "among them");
        assertThat(body(save(WireMockSupport.jenkinsUrl() + "#", TOKEN, "en")).get("errors").get(0).get("message")
                .asString()).isEqualTo("must not contain a fragment (#)");
    }

    private void assertRefusedField(MvcTestResult result, String field) {
        assertThat(result).hasStatus(400);
        assertThat(body(result).get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    @Test
    void addressesOutsideTheAllowedHostsOrWithTricksAreRefusedAtTheSettings() {
        String before = jdbc.queryForObject("select base_url from jenkins_settings", String.class);
        for (String address : new String[] {
                "http://127.0.0.1:18999/#",                       // a listener on the machine, with a fragment
                "http://127.0.0.1:8761/eureka/apps#",             // Eureka's registry
                "http://127.0.0.1:8081/internal/revocations#",    // auth-service's session list
                "http://169.254.169.254/latest/meta-data",        // cloud metadata
                "http://localhost:18999/jenkins",                 // loopback by name, not listed
                WireMockSupport.jenkinsUrl() + "#",               // the allowed Jenkins with a fragment
                WireMockSupport.jenkinsUrl() + "?x=1",            // … with a query
                WireMockSupport.jenkinsUrl() + "/../eureka",      // … climbing out of its path
                WireMockSupport.jenkinsUrl().replace("http://", "http://ci-bot:pw@"), // user info
                WireMockSupport.jenkinsUrl().replace("http://", "http://evil.example\\@"),
                "http://jenkins.example:8080@127.0.0.1:8761/",    // a user-info look-alike of an allowed host
                "http://jenkins.example:9090/"                    // an allowed host on another port
        }) {
            MvcTestResult result = save(address, TOKEN);
            assertThat(result).as(address).hasStatus(400);
            assertThat(body(result).get("errors").get(0).get("field").asString()).as(address).isEqualTo("baseUrl");
        }
        assertThat(jdbc.queryForObject("select base_url from jenkins_settings", String.class)).isEqualTo(before);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void aChangedAddressNeedsTheApiTokenAgain() {
        assertRefusedField(save("http://jenkins.example:8080/", null), "apiToken");
        assertRefusedField(save("http://jenkins.example:8080/", ""), "apiToken");
        assertThat(jdbc.queryForObject("select base_url from jenkins_settings", String.class))
                .isEqualTo(WireMockSupport.jenkinsUrl());

        // the same address (a trailing slash aside) keeps the stored token
        assertThat(save(WireMockSupport.jenkinsUrl() + "/", null)).hasStatusOk();
        assertThat(save("http://jenkins.example:8080/", "another-token")).hasStatusOk();
    }

    @Test
    void aStoredAddressWithAFragmentNeverGetsARequestOrTheToken() {
        // as an earlier version could store it: the fragment would have cut every request path off at the '#'
        jdbc.update("update jenkins_settings set base_url = ?", wm.baseUrl() + "/eureka/apps#");
        wm.stubFor(any(urlPathMatching("/eureka/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"applications\":{}}")));
        UUID releaseId = stubRelease("R-ssrf-" + UUID.randomUUID().toString().substring(0, 6), "gateway@1.0.0");

        MvcTestResult result = trigger(releaseId, "PACKAGE", null);

        assertThat(result).hasStatus(409);
        assertThat(body(result).get("type").asString()).endsWith("/jenkins-address-not-allowed");
        assertThat(body(result).get("detail").asString()).startsWith("配置的 Jenkins 地址 ")
                .contains("不能包含片段（#）").endsWith("什么也没有发送，请管理员修改 Jenkins 设置");
        assertThat(body(trigger(releaseId, "PACKAGE", null, "en")).get("detail").asString())
                .startsWith("the configured Jenkins address ").contains("must not contain a fragment (#)")
                .endsWith("nothing was sent, an admin has to correct the Jenkins settings");
        assertThat(buildsOfRelease(releaseId)).isZero();
        wm.verify(0, anyRequestedFor(urlPathMatching("/eureka/.*")));
        wm.verify(0, anyRequestedFor(anyUrl()).withHeader("Authorization", com.github.tomakehurst.wiremock.client
                .WireMock.containing(basic(USER, TOKEN).substring(6))));
    }

    @Test
    void aBuildsLogComesOnlyFromItsOwnJenkinsJob() {
        Running running = runningPackage(7);
        String log = jobUrl(packageJob) + "/7/logText/progressiveText?start=0";
        wm.stubFor(get(urlEqualTo(log)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain;charset=UTF-8").withHeader("X-Text-Size", "9")
                .withBody("Started\n\n")));
        assertThat(mvc.get().uri("/api/builds/" + running.id() + "/log?start=0")).hasStatusOk();

        // an admin points the platform at another Jenkins (a path of the same WireMock here): the build's job and
        // number there belong to another build, so its log, artifacts and stop are not asked of it
        assertThat(save(wm.baseUrl() + "/other-jenkins", TOKEN)).hasStatusOk();
        wm.resetRequests();

        MvcTestResult result = mvc.get().uri("/api/builds/" + running.id() + "/log?start=0").exchange();

        assertThat(result).hasStatus(409);
        assertThat(body(result).get("detail").asString()).contains("已不是当前配置的 Jenkins");
        assertThat(mvc.post().uri("/api/builds/" + running.id() + "/cancel")).hasStatus(409);
        wm.verify(0, anyRequestedFor(anyUrl()));
    }
}
