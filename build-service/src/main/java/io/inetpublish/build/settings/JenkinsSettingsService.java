package io.inetpublish.build.settings;

import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and saves the Jenkins settings; falls back to the environment defaults until an admin saved some. */
@Service
@RequiredArgsConstructor
public class JenkinsSettingsService {

    private final JenkinsSettingsRepository repository;
    private final JenkinsDefaults defaults;

    @Transactional(readOnly = true)
    public JenkinsConnection current() {
        return repository.findById(JenkinsSettings.SINGLETON_ID).map(JenkinsSettings::toConnection)
                .orElseGet(this::fromDefaults);
    }

    /**
     * Saves the settings. A null or empty {@code apiToken} keeps the stored one (the token is write-only, so a form
     * that does not retype it must not erase it).
     */
    @Transactional
    public JenkinsConnection save(JenkinsConnection values, String updatedBy) {
        JenkinsSettings settings = repository.findById(JenkinsSettings.SINGLETON_ID).orElse(null);
        String token = values.apiToken();
        if (token == null || token.isEmpty()) {
            token = settings != null ? settings.getApiToken() : nullToEmpty(defaults.apiToken());
        }
        if (settings == null) {
            settings = JenkinsSettings.create();
        }
        settings.update(new JenkinsConnection(values.baseUrl(), values.username(), token, values.testDeployJob(),
                values.packageJob(), values.releaseNumberParam(), values.componentsParam(),
                values.targetEnvironmentParam(), null, null), updatedBy);
        return repository.saveAndFlush(settings).toConnection();
    }

    private JenkinsConnection fromDefaults() {
        return new JenkinsConnection(nullToEmpty(defaults.url()), nullToEmpty(defaults.user()),
                nullToEmpty(defaults.apiToken()), nullToEmpty(defaults.testDeployJob()),
                nullToEmpty(defaults.packageJob()), orDefault(defaults.releaseNumberParam(), "RELEASE_NUMBER"),
                orDefault(defaults.componentsParam(), "COMPONENTS"),
                orDefault(defaults.targetEnvironmentParam(), "TARGET_ENV"), null, null);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
