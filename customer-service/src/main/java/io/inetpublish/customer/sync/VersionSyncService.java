package io.inetpublish.customer.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.customer.component.Component;
import io.inetpublish.customer.envcomponent.EnvironmentVersions;
import io.inetpublish.customer.envcomponent.EnvironmentVersions.Context;
import io.inetpublish.customer.envcomponent.EnvironmentVersions.EnvironmentRef;
import io.inetpublish.customer.envcomponent.EnvironmentVersions.Target;
import io.inetpublish.customer.envcomponent.Source;
import io.inetpublish.customer.oplog.OperationLog.Change;
import io.inetpublish.common.version.Version;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Version sync (版本同步): after a confirmed deployment, the target environments run the release's versions. Called
 * by the event consumer for {@code release.deployed} and finished test deployments.
 * <ul>
 * <li>One transaction per call: versions, history, one operation-log entry and one
 * {@code environment.versions-synced} outbox event per environment commit together or not at all.</li>
 * <li>Idempotent per (deployment id, environment): a pair already applied is skipped silently, changes nothing and
 * publishes nothing.</li>
 * <li>An environment that does not exist (deleted, or a wrong id) is skipped and logged as a warning; the other
 * targets are still applied and the result simply has no entry for it. A redelivery cannot fix a missing
 * environment, so failing the whole deployment would only dead-letter the good targets too.</li>
 * <li>Components the catalog does not know yet are added to it (without a mainline version).</li>
 * <li>A malformed command (no deployment id, no source, an invalid component name or version) is refused
 * with {@link IllegalArgumentException} before anything is written: it is a producer bug, not a retryable
 * condition.</li>
 * </ul>
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class VersionSyncService {

    private final EnvironmentVersions versions;
    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    /** @return one event per environment that was synced by this call (skipped targets are not in it) */
    @Transactional
    public List<EnvironmentVersionsSynced> apply(SyncCommand command) {
        Map<UUID, List<Target>> byEnvironment = validate(command);
        Context context = new Context("VERSIONS_SYNCED", Source.of(command.source()), command.releaseId(),
                command.releaseNumber(), command.deploymentId(), command.updateType(), command.configChange());
        List<EnvironmentVersionsSynced> synced = new ArrayList<>();
        byEnvironment.forEach((environmentId, targets) -> {
            Optional<EnvironmentRef> found = versions.lock(environmentId);
            if (found.isEmpty()) {
                log.warn("Version sync of deployment {} skips environment {}: it does not exist",
                        command.deploymentId(), environmentId);
                return;
            }
            int fresh = jdbc.update("""
                    insert into applied_deployment (deployment_id, environment_id, applied_at) values (?, ?, ?)
                    on conflict do nothing
                    """, command.deploymentId(), environmentId, Timestamp.from(Instant.now()));
            if (fresh == 0) {
                log.info("Deployment {} was already applied to environment {}; nothing to do",
                        command.deploymentId(), environmentId);
                return;
            }
            EnvironmentRef environment = found.get();
            versions.registerComponents(targets.stream().map(Target::component).toList());
            List<Change> changes = versions.apply(environment, targets, context, command.actor());
            EnvironmentVersionsSynced event = EnvironmentVersionsSynced
                    .synced(command.deploymentId(), command.source(), environment.id(), environment.name())
                    .release(command.releaseId(), command.releaseNumber())
                    .customer(environment.customerId(), environment.customerName(), environment.customerOwner())
                    .changes(changes.stream()
                            .map(c -> new EnvironmentVersionsSynced.Change(c.component(), c.from(), c.to()))
                            .toList())
                    .build();
            outbox.publish(EventTypes.ENVIRONMENT_VERSIONS_SYNCED, command.actor(), event);
            synced.add(event);
        });
        return synced;
    }

    private static Map<UUID, List<Target>> validate(SyncCommand command) {
        if (command.deploymentId() == null) {
            throw new IllegalArgumentException("A version sync needs a deployment id");
        }
        if (command.source() == null) {
            throw new IllegalArgumentException("A version sync needs its source");
        }
        if (command.actor() == null) {
            throw new IllegalArgumentException("A version sync needs the actor who deployed");
        }
        Map<UUID, List<Target>> byEnvironment = new LinkedHashMap<>();
        for (ReleaseDeployed.Target target : command.targets() == null ? List.<ReleaseDeployed.Target>of()
                : command.targets()) {
            if (target.environmentId() == null) {
                throw new IllegalArgumentException("A version sync target needs an environment id");
            }
            List<Target> list = byEnvironment.computeIfAbsent(target.environmentId(), id -> new ArrayList<>());
            for (ComponentVersion cv : target.versions() == null ? List.<ComponentVersion>of() : target.versions()) {
                if (cv.component() == null || cv.component().length() > 100
                        || !cv.component().matches(Component.NAME_PATTERN)) {
                    throw new IllegalArgumentException("'" + cv.component() + "' is not a component name");
                }
                if (!Version.isValid(cv.version())) {
                    throw new IllegalArgumentException(cv.component() + ": \"" + cv.version() + "\" is not a version");
                }
                list.add(new Target(cv.component(), cv.version()));
            }
        }
        return byEnvironment;
    }
}
