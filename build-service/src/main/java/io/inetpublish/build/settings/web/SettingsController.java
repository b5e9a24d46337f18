package io.inetpublish.build.settings.web;

import io.inetpublish.common.people.PersonRef;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;

import io.inetpublish.build.settings.JenkinsConnection;
import io.inetpublish.build.settings.JenkinsSettingsService;
import io.inetpublish.common.security.CurrentActor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Jenkins settings (admin only once roles are enforced). The API token can be set but is never returned. */
@Tag(name = "Jenkins settings",
        description = "The Jenkins address, user and jobs (admin); the API token can be set but is never returned.")
@RestController
@RequestMapping("/api/builds/settings")
@RequiredArgsConstructor
class SettingsController {

    /** Folder/job names; no empty, "." or ".." segment and nothing that would end the path (? # \\ %). */
    private static final String JOB_PATH = "(?!\\.{1,2}(/|$))[^/\\s?#\\\\%]+(/(?!\\.{1,2}(/|$))[^/\\s?#\\\\%]+)*";
    private static final String PARAM_NAME = "[A-Za-z_][A-Za-z0-9_.-]*";

    private final JenkinsSettingsService settings;
    private final CurrentActor currentActor;

    record ParameterMapping(
            @NotBlank @Size(max = 100) @Pattern(regexp = PARAM_NAME, message = "{settings.parameter-name}") String releaseNumber,
            @NotBlank @Size(max = 100) @Pattern(regexp = PARAM_NAME, message = "{settings.parameter-name}") String components,
            @NotBlank @Size(max = 100) @Pattern(regexp = PARAM_NAME, message = "{settings.parameter-name}") String targetEnvironment) {
    }

    /** What an admin sends; {@code apiToken} absent or empty keeps the stored token. */
    record SettingsRequest(
            @NotBlank @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "{validation.http-url}") String baseUrl,
            @NotBlank @Size(max = 200) String username,
            @Size(max = 500) String apiToken,
            @NotBlank @Size(max = 500) @Pattern(regexp = JOB_PATH, message = "{settings.job-path-test}") String testDeployJob,
            @NotBlank @Size(max = 500) @Pattern(regexp = JOB_PATH, message = "{settings.job-path-package}") String packageJob,
            @Valid @jakarta.validation.constraints.NotNull ParameterMapping parameters) {

        @Override
        public String toString() {
            return "SettingsRequest[baseUrl=" + baseUrl + ", username=" + username + ", apiToken=****]";
        }
    }

    record SettingsView(String baseUrl, String username, boolean apiTokenSet, String testDeployJob,
            String testDeployJobUrl, String packageJob, String packageJobUrl, ParameterMapping parameters,
            Instant updatedAt, PersonRef updatedBy) {

        static SettingsView of(JenkinsConnection c) {
            return new SettingsView(c.baseUrl(), c.username(), c.hasToken(), c.testDeployJob(),
                    c.testDeployJob().isEmpty() ? null : c.root() + JenkinsConnection.jobUrlPath(c.testDeployJob()),
                    c.packageJob(),
                    c.packageJob().isEmpty() ? null : c.root() + JenkinsConnection.jobUrlPath(c.packageJob()),
                    new ParameterMapping(c.releaseNumberParam(), c.componentsParam(), c.targetEnvironmentParam()),
                    c.updatedAt(), c.updatedBy());
        }
    }

    @Operation(summary = "Show the Jenkins settings", description = "Admin.")
    @GetMapping
    SettingsView get() {
        return SettingsView.of(settings.current());
    }

    @Operation(summary = "Change the Jenkins settings", description = "Admin.")
    @PutMapping
    SettingsView put(@Valid @RequestBody SettingsRequest request) {
        JenkinsConnection saved = settings.save(new JenkinsConnection(request.baseUrl().trim(),
                request.username().trim(), request.apiToken(), request.testDeployJob().trim(),
                request.packageJob().trim(), request.parameters().releaseNumber(),
                request.parameters().components(), request.parameters().targetEnvironment(), null, null),
                currentActor.get());
        return SettingsView.of(saved);
    }
}
