package io.inetpublish.build.settings;

import java.time.Instant;

import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.people.PersonRef;

/**
 * The Jenkins settings in effect: where Jenkins is, who we are there, which job does what and how a release maps
 * onto the job's parameters. {@link #toString()} never prints the token.
 *
 * @param updatedAt null while the environment defaults are in effect
 * @param updatedBy who saved them; null while the environment defaults are in effect (the id is null for settings
 *     saved before ids were recorded)
 */
public record JenkinsConnection(String baseUrl, String username, String apiToken, String testDeployJob,
        String packageJob, String releaseNumberParam, String componentsParam, String targetEnvironmentParam,
        Instant updatedAt, PersonRef updatedBy) {

    public String jobFor(BuildType type) {
        return type == BuildType.TEST_DEPLOY ? testDeployJob : packageJob;
    }

    public boolean hasToken() {
        return apiToken != null && !apiToken.isEmpty();
    }

    /** Base URL without a trailing slash. */
    public String root() {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** {@code ops/deploy-test} → {@code /job/ops/job/deploy-test} (Jenkins' folder convention). */
    public static String jobUrlPath(String jobPath) {
        StringBuilder path = new StringBuilder();
        for (String segment : jobPath.split("/")) {
            if (!segment.isEmpty()) {
                path.append("/job/").append(org.springframework.web.util.UriUtils.encodePathSegment(segment,
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return path.toString();
    }

    @Override
    public String toString() {
        return "JenkinsConnection[baseUrl=" + baseUrl + ", username=" + username + ", apiToken=****, testDeployJob="
                + testDeployJob + ", packageJob=" + packageJob + "]";
    }
}
