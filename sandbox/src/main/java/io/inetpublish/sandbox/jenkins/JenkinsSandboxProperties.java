package io.inetpublish.sandbox.jenkins;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The emulated Jenkins: who may call it, its jobs and how fast things happen.
 *
 * @param user the demo user
 * @param apiToken the user's API token (Basic auth with it skips the CSRF crumb, like real Jenkins)
 * @param password the user's password (Basic auth with it needs a crumb from {@code /crumbIssuer/api/json})
 * @param queueDelay how long a new item waits in the queue before it becomes a build
 * @param buildDuration how long a build runs
 * @param leftItemTtl how long Jenkins keeps a queue item after it left the queue (5 minutes in Jenkins)
 * @param failMarker a build fails when a parameter value contains this text (UNSTABLE for "UNSTABLE")
 */
@ConfigurationProperties("sandbox.jenkins")
record JenkinsSandboxProperties(
        @DefaultValue("demo") String user,
        @DefaultValue("sandbox-demo-token") String apiToken,
        @DefaultValue("demo-password") String password,
        @DefaultValue("2s") Duration queueDelay,
        @DefaultValue("8s") Duration buildDuration,
        @DefaultValue("5m") Duration leftItemTtl,
        @DefaultValue("FAIL") String failMarker,
        @DefaultValue List<Job> jobs) {

    /** A job; {@code parameters} empty means not parameterised. */
    record Job(String path, List<String> parameters, boolean disabled, boolean packages) {
    }

    List<Job> jobsOrDefaults() {
        if (jobs != null && !jobs.isEmpty()) {
            return jobs;
        }
        return List.of(
                new Job("ops/deploy-test", List.of("RELEASE_NUMBER", "COMPONENTS", "TARGET_ENV"), false, false),
                new Job("ops/package", List.of("RELEASE_NUMBER", "COMPONENTS"), false, true),
                new Job("ops/legacy-build", List.of(), false, false),
                new Job("ops/retired-deploy", List.of("RELEASE_NUMBER"), true, false));
    }
}
