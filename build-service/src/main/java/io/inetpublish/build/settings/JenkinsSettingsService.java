package io.inetpublish.build.settings;

import java.util.Objects;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.net.IntegrationHosts;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.web.FieldException;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and saves the Jenkins settings; falls back to the environment defaults until an admin saved some. */
@Service
@RequiredArgsConstructor
public class JenkinsSettingsService {

    private final JenkinsSettingsRepository repository;
    private final JenkinsDefaults defaults;
    private final IntegrationHosts hosts;
    private final Outbox outbox;

    @Transactional(readOnly = true)
    public JenkinsConnection current() {
        return repository.findById(JenkinsSettings.SINGLETON_ID).map(JenkinsSettings::toConnection)
                .orElseGet(this::fromDefaults);
    }

    /**
     * Saves the settings. The base URL must be on a host the operator allows for integrations (common
     * {@link IntegrationHosts}), with no user info, query, fragment or dot segments. A null or empty {@code apiToken}
     * keeps the stored one (the token is write-only, so a form that does not retype it must not erase it), but only
     * while the address stays the same: the token is sent only to the address it was entered for.
     */
    @Transactional
    public JenkinsConnection save(JenkinsConnection values, Actor updatedBy) {
        MessageSourceResolvable problem = hosts.problemWithBaseUrl(values.baseUrl());
        if (problem != null) {
            throw new FieldException("baseUrl", "integration-url.refused", problem);
        }
        JenkinsSettings settings = repository.findById(JenkinsSettings.SINGLETON_ID).orElse(null);
        String token = values.apiToken();
        if (token == null || token.isEmpty()) {
            String storedAddress = settings != null ? settings.getBaseUrl() : nullToEmpty(defaults.url());
            if (!sameAddress(storedAddress, values.baseUrl())) {
                throw new FieldException("apiToken", "settings.token-for-new-address", storedAddress);
            }
            token = settings != null ? settings.getApiToken() : nullToEmpty(defaults.apiToken());
        }
        JenkinsConnection before = settings != null ? settings.toConnection() : fromDefaults();
        if (settings == null) {
            settings = JenkinsSettings.create();
        }
        settings.update(new JenkinsConnection(values.baseUrl(), values.username(), token, values.testDeployJob(),
                values.packageJob(), values.releaseNumberParam(), values.componentsParam(),
                values.targetEnvironmentParam(), null, null), updatedBy);
        JenkinsConnection after = repository.saveAndFlush(settings).toConnection();
        audit(before, after);
        return after;
    }

    /** The change for the audit trail, on behalf of the person saving; the API token is never written, only that it changed. */
    private void audit(JenkinsConnection before, JenkinsConnection after) {
        AuditEvent.Builder audit = AuditEvent.builder(AuditEvent.Kind.INTEGRATION_SETTINGS,
                        Action.INTEGRATION_SETTINGS_CHANGED)
                .target("jenkins", "Jenkins")
                .change("baseUrl", before.baseUrl(), after.baseUrl())
                .change("username", before.username(), after.username())
                .change("testDeployJob", before.testDeployJob(), after.testDeployJob())
                .change("packageJob", before.packageJob(), after.packageJob())
                .change("releaseNumberParam", before.releaseNumberParam(), after.releaseNumberParam())
                .change("componentsParam", before.componentsParam(), after.componentsParam())
                .change("targetEnvironmentParam", before.targetEnvironmentParam(), after.targetEnvironmentParam());
        if (!Objects.equals(before.apiToken(), after.apiToken())) {
            audit.fact("apiTokenChanged", true);
        }
        outbox.publish(EventTypes.INTEGRATION_SETTINGS_CHANGED, audit.build());
    }

    private JenkinsConnection fromDefaults() {
        return new JenkinsConnection(nullToEmpty(defaults.url()), nullToEmpty(defaults.user()),
                nullToEmpty(defaults.apiToken()), nullToEmpty(defaults.testDeployJob()),
                nullToEmpty(defaults.packageJob()), orDefault(defaults.releaseNumberParam(), "RELEASE_NUMBER"),
                orDefault(defaults.componentsParam(), "COMPONENTS"),
                orDefault(defaults.targetEnvironmentParam(), "TARGET_ENV"), null, null);
    }

    /** The same Jenkins: equal once a trailing slash and the case of scheme and host are set aside. */
    static boolean sameAddress(String a, String b) {
        return normalized(a).equals(normalized(b));
    }

    private static String normalized(String url) {
        String value = url == null ? "" : url.strip();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        int pathStart = value.indexOf('/', value.indexOf("://") + 3);
        return pathStart < 0 || value.indexOf("://") < 0 ? value.toLowerCase(java.util.Locale.ROOT)
                : value.substring(0, pathStart).toLowerCase(java.util.Locale.ROOT) + value.substring(pathStart);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
