package io.inetpublish.build.build;

import io.inetpublish.common.test.Catalogue;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.inetpublish.common.version.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 21 item 8: a release item's version reaches Jenkins only when it follows the platform's one grammar (a record
 * stored before release-service checked it could hold {@code 1.0$(id)}); otherwise the trigger is refused naming
 * the item, nothing is stored and Jenkins hears nothing.
 */
class ItemVersionGuardIT extends JenkinsStubs {

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = {"PACKAGE|1.0$(id)", "PACKAGE|2026.03.01/b3", "TEST_DEPLOY|1.0,portal=6.6"})
    void refusesToSendAVersionThatBreaksTheGrammar(String type, String version) {
        UUID releaseId = stubRelease("R-bad-" + UUID.randomUUID().toString().substring(0, 6), "base-config@1.0.0",
                "gateway@" + version);
        UUID environment = type.equals("TEST_DEPLOY") ? stubEnvironment("test-a", true, "test-a") : null;
        stubTriggerQueued(type.equals("PACKAGE") ? packageJob : deployJob, newQueueId());

        assertThat(trigger(releaseId, type, environment)).hasStatus(400).bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("https://inetpublish.io/problems/validation"))
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("items[1].version"))
                .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString()
                        .contains("gateway").endsWith(Catalogue.zh(Version.INVALID_VALUE, version)));

        assertThat(buildsOfRelease(releaseId)).isZero();
        wm.verify(0, postRequestedFor(urlPathMatching("/jenkins/.*")));
    }
}
