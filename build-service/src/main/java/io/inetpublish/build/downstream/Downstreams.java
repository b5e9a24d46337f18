package io.inetpublish.build.downstream;

import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.outside.OutsideCall;
import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.web.FieldException;
import org.springframework.stereotype.Component;

/**
 * The other services a trigger needs, each through its outside call (timeouts and circuit breaker in
 * {@code application.yml}; README, "Outside calls"). A missing release or environment is the
 * caller's mistake (400 on the field); the service being down or failing is a 503 with nothing stored
 * ({@link OutsideCall#find}).
 */
@Component
public class Downstreams {

    public static final String RELEASE_SERVICE = "release-service";
    public static final String CUSTOMER_SERVICE = "customer-service";

    /** The release as a build needs it; {@code status} is release-service's (WITHDRAWN records are not built). */
    public record Release(UUID id, String number, String title, String status, List<ComponentVersion> items) {

        public boolean withdrawn() {
            return "WITHDRAWN".equals(status);
        }
    }

    /** The environment as a test deployment needs it. */
    public record Environment(UUID id, String name, String customerName, boolean internalTest, String jenkinsTarget) {
    }

    private final ReleaseClient releases;
    private final EnvironmentClient environments;
    private final OutsideCall releaseService;
    private final OutsideCall customerService;

    Downstreams(ReleaseClient releases, EnvironmentClient environments, OutsideCalls outside) {
        this.releases = releases;
        this.environments = environments;
        this.releaseService = outside.get(RELEASE_SERVICE);
        this.customerService = outside.get(CUSTOMER_SERVICE);
    }

    public Release release(UUID id) {
        return release(id, "releaseId");
    }

    /** The release, a missing one refused naming {@code field}. */
    public Release release(UUID id, String field) {
        ReleaseClient.ReleaseDto dto = releaseService.find(() -> releases.get(id))
                .orElseThrow(() -> new FieldException(field, "build.release-unknown", id));
        List<ComponentVersion> items = dto.items() == null ? List.of()
                : dto.items().stream().map(i -> new ComponentVersion(i.component(), i.version())).toList();
        return new Release(dto.id(), dto.number(), dto.title(), dto.status(), items);
    }

    public Environment environment(UUID id) {
        EnvironmentClient.EnvironmentDto dto = customerService.find(() -> environments.get(id))
                .orElseThrow(() -> new FieldException("environmentId", "build.environment-unknown", id));
        return new Environment(dto.id(), dto.name(), dto.customerName(), dto.internalTest(), dto.jenkinsTarget());
    }
}
