package io.inetpublish.release.build;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.outside.OutsideClient;
import org.springframework.stereotype.Component;

/**
 * What release-service asks build-service, through the outside call {@value #BREAKER} (README, "Outside calls"; the
 * rules of {@link OutsideClient}). A 404 is an answer: "no such build".
 */
@Component
public class BuildDirectory extends OutsideClient<BuildServiceClient> {

    public static final String BREAKER = "build-service";

    BuildDirectory(BuildServiceClient client, OutsideCalls outside) {
        super(BREAKER, client, outside);
    }

    /** An environment's builds as build-service shows them now, newest first (at most {@code limit}). */
    public List<BuildInfo> ofEnvironment(UUID environmentId, int limit) {
        BuildServiceClient.Page page = ask(client -> client.builds(environmentId, limit));
        return page == null || page.items() == null ? List.of() : page.items();
    }

    /** The build as build-service shows it now; empty when build-service has no such build. */
    public Optional<BuildInfo> build(UUID id) {
        return find(client -> client.build(id));
    }
}
