package io.inetpublish.build.testdeployment;

import java.util.UUID;

import io.inetpublish.build.downstream.Downstreams;
import io.inetpublish.common.web.FieldException;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * Where a test deployment may go: one of customer-service's environments that is marked an internal test
 * environment and names the target Jenkins deploys to.
 */
@Component
@RequiredArgsConstructor
public class TestEnvironments {

    private final Downstreams downstreams;

    /** The environment a test deployment names; refused, naming {@code environmentId}, when it may not be one. */
    public Downstreams.Environment target(UUID environmentId) {
        Downstreams.Environment environment = downstreams.environment(environmentId);
        if (!environment.internalTest()) {
            throw new FieldException("environmentId", "build.not-internal-test", environment.name());
        }
        if (environment.jenkinsTarget() == null || environment.jenkinsTarget().isBlank()) {
            throw new FieldException("environmentId", "build.no-jenkins-target", environment.name());
        }
        return environment;
    }
}
