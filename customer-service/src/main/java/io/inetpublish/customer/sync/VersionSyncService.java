package io.inetpublish.customer.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventEnvelope;
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
 * <li>One transaction per call ({@link #applyAll}: for several commands, with one statement per kind of row):
 * versions, history, one operation-log entry and one
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

    private static final Pattern COMPONENT_NAME = Pattern.compile(Component.NAME_PATTERN);

    private final EnvironmentVersions versions;
    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    /** @return one event per environment that was synced by this call (skipped targets are not in it) */
    @Transactional
    public List<EnvironmentVersionsSynced> apply(SyncCommand command) {
        return applyAll(List.of(command));
    }

    /**
     * {@link #apply} of several commands in one transaction, with the result of applying them one after another in
     * this order, but with one statement per kind of row for all of them (the consumer hands over a batch of
     * deliveries: docs/events.md, "Batches"). Every command is validated before anything is written.
     *
     * @return one event per environment that was synced, in the order of the commands and their targets
     */
    @Transactional
    public List<EnvironmentVersionsSynced> applyAll(List<SyncCommand> commands) {
        List<Map<UUID, List<Target>>> validated = commands.stream().map(VersionSyncService::validate).toList();
        Map<UUID, EnvironmentRef> environments = versions.lockAll(validated.stream()
                .flatMap(byEnvironment -> byEnvironment.keySet().stream()).distinct().toList());
        record Pair(SyncCommand command, EnvironmentRef environment, List<Target> targets) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            SyncCommand command = commands.get(i);
            validated.get(i).forEach((environmentId, targets) -> {
                EnvironmentRef environment = environments.get(environmentId);
                if (environment == null) {
                    log.warn("Version sync of deployment {} skips environment {}: it does not exist",
                            command.deploymentId(), environmentId);
                } else {
                    pairs.add(new Pair(command, environment, targets));
                }
            });
        }
        Set<List<UUID>> fresh = recordApplied(pairs.stream()
                .map(p -> List.of(p.command().deploymentId(), p.environment().id())).toList());
        List<Pair> toApply = new ArrayList<>();
        for (Pair pair : pairs) {
            // the first of two commands of one deployment for one environment in the batch applies it
            if (fresh.remove(List.of(pair.command().deploymentId(), pair.environment().id()))) {
                toApply.add(pair);
            } else {
                log.info("Deployment {} was already applied to environment {}; nothing to do",
                        pair.command().deploymentId(), pair.environment().id());
            }
        }
        versions.registerComponents(toApply.stream()
                .flatMap(p -> p.targets().stream().map(Target::component)).distinct().toList());
        List<List<Change>> changes = versions.applyAll(toApply.stream()
                .map(p -> new EnvironmentVersions.Application(p.environment(), p.targets(), context(p.command()),
                        p.command().actor()))
                .toList());
        List<EventEnvelope<EnvironmentVersionsSynced>> synced = new ArrayList<>();
        for (int i = 0; i < toApply.size(); i++) {
            SyncCommand command = toApply.get(i).command();
            EnvironmentRef environment = toApply.get(i).environment();
            EnvironmentVersionsSynced event = EnvironmentVersionsSynced
                    .synced(command.deploymentId(), command.source(), environment.id(), environment.name())
                    .release(command.releaseId(), command.releaseNumber())
                    .customer(environment.customerId(), environment.customerName(), environment.customerOwner())
                    .changes(changes.get(i).stream()
                            .map(c -> new EnvironmentVersionsSynced.Change(c.component(), c.from(), c.to()))
                            .toList())
                    .build();
            synced.add(EventEnvelope.of(EventTypes.ENVIRONMENT_VERSIONS_SYNCED, command.actor(), event));
        }
        return outbox.publishAll(synced).stream().map(EventEnvelope::payload).toList();
    }

    private static Context context(SyncCommand command) {
        return new Context(Action.VERSIONS_SYNCED, Source.of(command.source()), command.releaseId(),
                command.releaseNumber(), command.deploymentId(), command.updateType(), command.configChange());
    }

    /**
     * Records (deployment, environment) pairs as applied, with one statement; answers those that were not applied
     * before (a pair that comes twice in {@code pairs} is in the answer once).
     */
    private Set<List<UUID>> recordApplied(List<List<UUID>> pairs) {
        Set<List<UUID>> fresh = new HashSet<>();
        if (pairs.isEmpty()) {
            return fresh;
        }
        jdbc.query("""
                insert into applied_deployment (deployment_id, environment_id, applied_at)
                select p.deployment_id, p.environment_id, ? from unnest(?::uuid[], ?::uuid[])
                    as p(deployment_id, environment_id)
                on conflict do nothing
                returning deployment_id, environment_id
                """, rs -> {
                    fresh.add(List.of(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
                }, Timestamp.from(Instant.now()),
                pairs.stream().map(p -> p.getFirst().toString()).toArray(String[]::new),
                pairs.stream().map(p -> p.getLast().toString()).toArray(String[]::new));
        return fresh;
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
                        || !COMPONENT_NAME.matcher(cv.component()).matches()) {
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
