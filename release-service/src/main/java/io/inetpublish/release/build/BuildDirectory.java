package io.inetpublish.release.build;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.inetpublish.common.outside.OutsideCall;
import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.web.DownstreamUnavailableException;
import org.springframework.stereotype.Component;

/**
 * What release-service asks build-service, through the outside call {@value #BREAKER} (timeouts and circuit breaker
 * in {@code application.yml}; README, "Outside calls"). A 404 is an answer ("no such build"); anything else that goes
 * wrong is a 503 {@link DownstreamUnavailableException} ({@link OutsideCall#find}), asked before any transaction
 * opens, so nothing is stored when build-service cannot answer.
 */
@Component
public class BuildDirectory {

    public static final String BREAKER = "build-service";

    private final BuildServiceClient client;
    private final OutsideCall buildService;

    BuildDirectory(BuildServiceClient client, OutsideCalls outside) {
        this.client = client;
        this.buildService = outside.get(BREAKER);
    }

    /** An environment's builds as build-service shows them now, newest first (at most {@code limit}). */
    public List<BuildInfo> ofEnvironment(UUID environmentId, int limit) {
        BuildServiceClient.Page page = buildService.ask(() -> client.builds(environmentId, limit));
        return page == null || page.items() == null ? List.of() : page.items();
    }

    /** The build as build-service shows it now; empty when build-service has no such build. */
    public Optional<BuildInfo> build(UUID id) {
        return buildService.find(() -> client.build(id));
    }
}
