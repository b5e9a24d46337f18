package io.inetpublish.build.settings.web;

import static io.inetpublish.common.test.security.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.inetpublish.build.settings.JenkinsConnection;
import io.inetpublish.build.settings.JenkinsSettingsService;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.ControllerSliceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * What the Jenkins settings API makes of HTTP, with JenkinsSettingsService mocked: the settings are an admin's,
 * reading included; an address that is no http(s) URL, a job path that would leave its folder or end the URL, or a
 * parameter name Jenkins would not take is refused naming the field before anything is stored; what is stored is
 * trimmed and names the admin of the token. The token being write-only and sealed is SettingsIT's.
 */
@ControllerSliceTest(SettingsController.class)
class SettingsControllerTest {

    static final String BODY = """
            {"baseUrl":"http://jenkins.example:8080/","username":" ci ","apiToken":"s3cr3t","testDeployJob":"%s",
             "packageJob":"ops/package","parameters":{"releaseNumber":"%s","components":"COMPS",
             "targetEnvironment":"ENV"}}""";

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    JenkinsSettingsService settings;

    MvcTestResult put(String testDeployJob, String releaseNumberParameter) {
        return mvc.put().uri("/api/builds/settings").contentType(MediaType.APPLICATION_JSON)
                .with(bearer("ou_admin", "管理员", Role.ADMIN))
                .content(BODY.formatted(testDeployJob, releaseNumberParameter)).exchange();
    }

    static JenkinsConnection stored() {
        return new JenkinsConnection("http://jenkins.example:8080/", "ci", "s3cr3t", "ops/deploy-test", "ops/package",
                "REL", "COMPS", "ENV", null, null);
    }

    @Test
    void invalidSettingsNameTheFieldAndChangeNothing() {
        assertThat(mvc.put().uri("/api/builds/settings").contentType(MediaType.APPLICATION_JSON)
                .content(BODY.formatted("ops/deploy-test", "REL").replace("http://jenkins.example:8080/", "ftp://nope")
                        .replace("ops/package", "/ops//package")))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                .extractingPath("$.errors[*].field").asArray().containsExactlyInAnyOrder("baseUrl", "packageJob");
        verifyNoInteractions(settings);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "ops/../admin", "./deploy", "ops/deploy?delay=0", "ops/deploy#x", "ops\\\\deploy",
            "ops/deploy%2Fx", "ops/deploy test", "ops/"})
    void aJobPathThatWouldLeaveItsFolderOrEndTheUrlIsRefused(String job) {
        assertThat(put(job, "REL")).as(job).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .extractingPath("$.errors[0].field").isEqualTo("testDeployJob");
        verifyNoInteractions(settings);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1REL", "REL NUMBER", "rel$"})
    void aParameterNameJenkinsWouldNotTakeIsRefused(String name) {
        assertThat(put("ops/deploy-test", name)).as(name).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .extractingPath("$.errors[0].field").isEqualTo("parameters.releaseNumber");
        verifyNoInteractions(settings);
    }

    @Test
    void whatIsStoredIsTrimmedAndNamesTheAdmin() {
        when(settings.save(any(), any())).thenReturn(stored());

        assertThat(put("ops/deploy-test", "REL_NUMBER")).hasStatusOk().bodyText().doesNotContain("s3cr3t");

        verify(settings).save(new JenkinsConnection("http://jenkins.example:8080/", "ci", "s3cr3t", "ops/deploy-test",
                "ops/package", "REL_NUMBER", "COMPS", "ENV", null, null), new Actor("ou_admin", "管理员"));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
    void onlyAnAdminReadsOrChangesTheSettings(Role role) {
        assertThat(mvc.get().uri("/api/builds/settings").with(bearer(role))).hasStatus(HttpStatus.FORBIDDEN)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.put().uri("/api/builds/settings").with(bearer(role)).contentType(MediaType.APPLICATION_JSON)
                .content(BODY.formatted("ops/deploy-test", "REL"))).hasStatus(HttpStatus.FORBIDDEN);
        verifyNoInteractions(settings);
    }
}
