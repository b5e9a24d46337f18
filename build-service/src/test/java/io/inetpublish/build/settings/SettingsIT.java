package io.inetpublish.build.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetpublish.build.BuildServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@BuildServiceIntegrationTest
class SettingsIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JenkinsSettingsService settings;

    @Autowired
    JdbcTemplate jdbc;

    private static final String BODY = """
            {"baseUrl":"http://jenkins.example:8080/","username":"ci","apiToken":%s,"testDeployJob":"ops/deploy-test",
             "packageJob":"ops/package","parameters":{"releaseNumber":"REL","components":"COMPS","targetEnvironment":"ENV"}}
            """;

    @Test
    void theApiTokenIsWriteOnlyAndKeptWhenNotRetyped() {
        assertThat(mvc.put().uri("/api/builds/settings").contentType(MediaType.APPLICATION_JSON)
                .content(BODY.formatted("\"s3cr3t-token\""))).hasStatusOk().bodyText().doesNotContain("s3cr3t");

        assertThat(mvc.get().uri("/api/builds/settings")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.apiTokenSet", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.testDeployJobUrl",
                        v -> v.assertThat().isEqualTo("http://jenkins.example:8080/job/ops/job/deploy-test"))
                .doesNotHavePath("$.apiToken");
        assertThat(mvc.get().uri("/api/builds/settings")).bodyText().doesNotContain("s3cr3t");

        assertThat(mvc.put().uri("/api/builds/settings").contentType(MediaType.APPLICATION_JSON)
                .content(BODY.formatted("null"))).hasStatusOk();
        assertThat(settings.current().apiToken()).isEqualTo("s3cr3t-token");
        assertThat(settings.current().toString()).doesNotContain("s3cr3t");
    }

    @Test
    void theApiTokenIsStoredSealedAndATokenStoredBeforeSealingStillWorks() {
        assertThat(mvc.put().uri("/api/builds/settings").contentType(MediaType.APPLICATION_JSON)
                .content(BODY.formatted("\"s3cr3t-token\""))).hasStatusOk();

        assertThat(jdbc.queryForObject("select api_token from jenkins_settings", String.class))
                .startsWith("enc:v1:").doesNotContain("s3cr3t");
        assertThat(settings.current().apiToken()).isEqualTo("s3cr3t-token");

        // a row written by an earlier version, in plain text
        jdbc.update("update jenkins_settings set api_token = 'plain-old-token'");
        assertThat(settings.current().apiToken()).isEqualTo("plain-old-token");
    }
}
