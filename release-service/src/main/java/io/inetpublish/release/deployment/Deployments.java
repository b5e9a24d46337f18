package io.inetpublish.release.deployment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.DeploymentKind;
import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.text.Texts;
import io.inetpublish.common.version.Version;
import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.release.approval.Approvals;
import io.inetpublish.release.build.ReleasePackage;
import io.inetpublish.release.build.ReleasePackageRepository;
import io.inetpublish.release.customer.CustomerDirectory;
import io.inetpublish.release.customer.EnvironmentComponent;
import io.inetpublish.release.customer.EnvironmentInfo;
import io.inetpublish.release.customer.VersionChange;
import io.inetpublish.release.release.ReleaseItem;
import io.inetpublish.release.release.ReleaseRecord;
import io.inetpublish.release.release.ReleaseStatus;
import io.inetpublish.release.release.Releases;
import io.inetpublish.release.release.TimelineAction;
import io.inetpublish.release.release.TimelineEntry;
import io.inetpublish.release.release.TimelineFacts;
import io.inetpublish.release.schedule.ScheduleCompletion;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recording customer deployments and rollbacks (scenarios 4 and 5). Everything that can refuse the request - the
 * evidence, the environments, customer-service's answers, the rollback versions - is checked before the transaction
 * opens; the transaction then stores the deployment, streams the evidence, appends the timeline and writes
 * {@code release.deployed} to the outbox, all or nothing.
 */
@Service
@RequiredArgsConstructor
public class Deployments {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Releases releases;
    private final CustomerDeploymentRepository deployments;
    private final ReleasePackageRepository packages;
    private final EvidenceInspector inspector;
    private final EvidenceStore evidence;
    private final Messages messages;
    private final CustomerDirectory directory;
    private final ScheduleCompletion schedules;
    private final Approvals approvals;
    private final Outbox outbox;
    private final CurrentActor currentActor;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;

    /** Records a deployment or rollback with its evidence; answers the new deployment's id. */
    public UUID record(UUID releaseId, DeploymentOrder order, List<EvidenceUpload> uploads) {
        ReleaseRecord release = releases.withItems(releaseId);
        refuseWithdrawn(release);
        if (order.kind() != DeploymentKind.ROLLBACK) {
            refuseInvalidVersions(release);
        }
        requireEvidenceAndNotes(order, uploads);
        List<EvidenceInspector.Inspected> files = inspector.inspect(uploads);
        Instant now = clock.instant();
        Instant deployedAt = order.deployedAt() == null ? now : order.deployedAt();
        if (deployedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new FieldException("deployedAt", "deployment.in-future");
        }
        refuseUnknownOrOutdatedPackage(release, order.packageBuildId());
        List<EnvironmentInfo> environments = environments(order);
        if (order.kind() == DeploymentKind.DEPLOY) {
            approvals.requireApproved(release, environments);
        }
        Map<UUID, Rollback> rollbacks = order.kind() == DeploymentKind.ROLLBACK
                ? rollbacks(release, environments) : Map.of();
        Actor actor = currentActor.get();

        return tx.execute(status -> {
            ReleaseRecord locked = releases.lockForChange(releaseId);
            refuseWithdrawn(locked);
            // an edit may have landed since the check above; under the lock it cannot
            refuseUnknownOrOutdatedPackage(locked, order.packageBuildId());
            if (order.kind() == DeploymentKind.DEPLOY) {
                // approved for the content it now has (an edit may have landed since the check above)
                approvals.requireApproved(locked, environments);
            }
            String customerName = environments.get(0).customerName();
            CustomerDeployment deployment = new CustomerDeployment(releaseId, order.kind(), order.customerId(),
                    customerName, deployedAt, Texts.blankToNull(order.notes()), order.packageBuildId(), actor, now);
            for (EnvironmentInfo environment : environments) {
                List<DeployedVersion> versions = order.kind() == DeploymentKind.ROLLBACK
                        ? rollbacks.get(environment.id()).versions()
                        : locked.getItems().stream().map(i -> new DeployedVersion(i.getComponent(), i.getVersion()))
                                .toList();
                deployment.addEnvironment(environment.id(), environment.name(), versions);
            }
            deployments.saveAndFlush(deployment);
            for (int i = 0; i < files.size(); i++) {
                evidence.store(deployment.getId(), i, files.get(i), now);
            }
            for (DeploymentEnvironment environment : deployment.getEnvironments()) {
                releases.record(locked, timelineEntry(locked, deployment, environment, files.size(),
                        rollbacks.get(environment.getEnvironmentId()), actor, now));
            }
            outbox.publish(EventTypes.RELEASE_DEPLOYED, actor,
                    ReleaseDeployed.recorded(deployment.getId(), order.kind(), deployedAt)
                            .release(releaseId, locked.getNumber(), locked.getTitle())
                            .customer(order.customerId())
                            .update(locked.getUpdateType(), locked.isConfigChange())
                            .targets(deployment.getEnvironments().stream().map(Deployments::target).toList())
                            .packageBuild(deployment.getPackageBuildId())
                            .build());
            if (order.kind() == DeploymentKind.DEPLOY) {
                schedules.releaseDeployed(releaseId, deployment.getId(), now, actor);
            }
            return deployment.getId();
        });
    }

    /**
     * Records the deployment of an upgrade plan at one environment once: one customer deployment per step (each
     * record's own, on its timeline, with its own {@code release.deployed} and version sync, the machinery of
     * {@link #record}), all in one transaction, grouped by a {@code plan_deployment} row. The evidence is stored once,
     * with the first step's deployment, and shown for every one. Answers the plan deployment's id.
     */
    public UUID recordPlan(PlanDeploymentOrder order, List<EvidenceUpload> uploads) {
        DeploymentOrder asOrder = new DeploymentOrder(DeploymentKind.DEPLOY, null, List.of(order.environmentId()),
                order.deployedAt(), order.notes(), null);
        requireEvidenceAndNotes(asOrder, uploads);
        List<EvidenceInspector.Inspected> files = inspector.inspect(uploads);
        Instant now = clock.instant();
        Instant deployedAt = order.deployedAt() == null ? now : order.deployedAt();
        if (deployedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new FieldException("deployedAt", "deployment.in-future");
        }
        EnvironmentInfo environment = directory.environment(order.environmentId())
                .orElseThrow(() -> new FieldException("environmentId", "environment.unknown", order.environmentId()));
        // every covered record needs the approval a deployment of it alone would need (issue 18); asked before the
        // transaction (customer-service may be asked) and again under each record's lock
        for (int i = 0; i < order.steps().size(); i++) {
            UUID releaseId = order.steps().get(i).releaseId();
            ReleaseRecord release = releases.withItems(releaseId);
            requirePlanApproval(release, environment, i);
        }
        Actor actor = currentActor.get();
        UUID planDeploymentId = UUID.randomUUID();
        return tx.execute(status -> {
            jdbc.update("""
                    insert into plan_deployment (id, environment_id, environment_name, customer_id, customer_name,
                        target, bundle_build_id, deployed_at, recorded_by_id, recorded_by_name, recorded_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, planDeploymentId, environment.id(), environment.name(), environment.customerId(),
                    environment.customerName(), order.planLink(), order.bundleBuildId(),
                    java.sql.Timestamp.from(deployedAt), actor.userId(), actor.name(), java.sql.Timestamp.from(now));
            UUID evidenceHolder = null;
            int position = 0;
            for (PlanDeploymentOrder.Step step : order.steps()) {
                ReleaseRecord locked = releases.lockForChange(step.releaseId());
                refuseWithdrawn(locked);
                refuseInvalidVersions(locked);
                requirePlanApproval(locked, environment, position);
                CustomerDeployment deployment = new CustomerDeployment(locked.getId(), DeploymentKind.DEPLOY,
                        environment.customerId(), environment.customerName(), deployedAt, Texts.blankToNull(order.notes()),
                        order.bundleBuildId(), actor, now);
                deployment.partOfPlan(planDeploymentId, ++position, evidenceHolder);
                deployment.addEnvironment(environment.id(), environment.name(), step.versions());
                deployments.saveAndFlush(deployment);
                if (evidenceHolder == null) {
                    evidenceHolder = deployment.getId();
                    for (int i = 0; i < files.size(); i++) {
                        evidence.store(deployment.getId(), i, files.get(i), now);
                    }
                }
                DeploymentEnvironment target = deployment.getEnvironments().get(0);
                releases.record(locked, timelineEntry(locked, deployment, target, files.size(), null, actor, now));
                outbox.publish(EventTypes.RELEASE_DEPLOYED, actor,
                        ReleaseDeployed.deploy(deployment.getId(), deployedAt)
                                .release(locked.getId(), locked.getNumber(), locked.getTitle())
                                .customer(environment.customerId())
                                .update(locked.getUpdateType(), locked.isConfigChange())
                                .targets(List.of(target(target)))
                                .packageBuild(order.bundleBuildId())
                                .build());
                schedules.releaseDeployed(locked.getId(), deployment.getId(), now, actor);
            }
            return planDeploymentId;
        });
    }

    /** The approval rule of a customer deployment, for the plan's step {@code index}: refused naming {@code releaseIds[i]}. */
    private void requirePlanApproval(ReleaseRecord release, EnvironmentInfo environment, int index) {
        try {
            approvals.requireApproved(release, List.of(environment));
        } catch (FieldException refused) {
            throw FieldException.conflict("releaseIds[" + index + "]", refused.code(), refused.args());
        }
    }

    private TimelineEntry timelineEntry(ReleaseRecord release, CustomerDeployment deployment,
            DeploymentEnvironment environment, int evidenceCount, Rollback rollback, Actor actor, Instant now) {
        TimelineFacts facts = TimelineFacts.with("customer", deployment.getCustomerName());
        if (deployment.getKind() == DeploymentKind.ROLLBACK) {
            facts.and("versions", environment.getVersions().stream()
                            .map(v -> TimelineFacts.version(v.getComponent(), v.getVersion())).toList())
                    .and("kept", rollback.kept().stream().map(Kept::facts).toList());
        } else {
            facts.and("packageBuildId", deployment.getPackageBuildId());
            if (deployment.getPlanDeploymentId() != null) {
                facts.and("planDeploymentId", deployment.getPlanDeploymentId());
            }
        }
        facts.and("deployedAt", deployment.getDeployedAt()).and("evidenceCount", evidenceCount);
        return TimelineEntry.of(release, deployment.getKind() == DeploymentKind.ROLLBACK
                        ? TimelineAction.ROLLBACK_RECORDED : TimelineAction.CUSTOMER_DEPLOYMENT_RECORDED, actor, now)
                .environment(environment.getEnvironmentId(), environment.getEnvironmentName())
                .ref(deployment.getId())
                .facts(facts);
    }

    private List<EnvironmentInfo> environments(DeploymentOrder order) {
        List<EnvironmentInfo> environments = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < order.environmentIds().size(); i++) {
            UUID id = order.environmentIds().get(i);
            String field = "environmentIds[" + i + "]";
            if (!seen.add(id)) {
                throw new FieldException(field, "environment.twice");
            }
            EnvironmentInfo environment = directory.environment(id)
                    .orElseThrow(() -> new FieldException(field, "environment.unknown", id));
            if (!order.customerId().equals(environment.customerId())) {
                throw new FieldException(field, "environment.other-customer", environment.name(),
                        environment.customerName());
            }
            environments.add(environment);
        }
        return environments;
    }

    /** The versions an environment returns to when this release is undone there, from its history. */
    record Rollback(List<DeployedVersion> versions, List<Kept> kept) {
    }

    /**
     * A component a rollback leaves as it is: {@code version} what the environment has ({@code null}: not installed),
     * {@code releaseNumber} the record that put it there; {@code noEarlier}: at this release's version, but its
     * history has nothing before.
     */
    record Kept(String component, String version, String releaseNumber, boolean noEarlier) {

        String code() {
            return noEarlier ? "rollback.kept.no-earlier" : version == null ? "rollback.kept.not-installed"
                    : releaseNumber == null ? "rollback.kept.other-version" : "rollback.kept.other-release";
        }

        Object[] args() {
            return new Object[] {component, version, releaseNumber};
        }

        /** As the timeline records it: {@code {component, version, releaseNumber, noEarlier}}. */
        Map<String, Object> facts() {
            Map<String, Object> facts = new java.util.LinkedHashMap<>();
            facts.put("component", component);
            facts.put("version", version);
            facts.put("releaseNumber", releaseNumber);
            facts.put("noEarlier", noEarlier);
            return facts;
        }
    }

    private Map<UUID, Rollback> rollbacks(ReleaseRecord release, List<EnvironmentInfo> environments) {
        Map<UUID, Rollback> result = new java.util.LinkedHashMap<>();
        for (int i = 0; i < environments.size(); i++) {
            EnvironmentInfo environment = environments.get(i);
            Map<String, EnvironmentComponent> current = directory.environmentComponents(environment.id()).stream()
                    .collect(Collectors.toMap(EnvironmentComponent::component, Function.identity(), (a, b) -> a));
            List<DeployedVersion> versions = new ArrayList<>();
            List<Kept> kept = new ArrayList<>();
            for (ReleaseItem item : release.getItems()) {
                EnvironmentComponent now = current.get(item.getComponent());
                if (now == null || !release.getId().equals(now.releaseId())) {
                    kept.add(new Kept(item.getComponent(), now == null ? null : now.version(),
                            now == null ? null : now.releaseNumber(), false));
                    continue;
                }
                VersionChange change = directory.history(environment.id(), item.getComponent()).stream()
                        .filter(c -> release.getId().equals(c.releaseId()) && now.version().equals(c.to()))
                        .findFirst().orElse(null);
                if (change == null || change.from() == null) {
                    kept.add(new Kept(item.getComponent(), null, null, true));
                    continue;
                }
                versions.add(new DeployedVersion(item.getComponent(), change.from()));
            }
            if (versions.isEmpty()) {
                throw new ConflictException("rollback.nothing", release.getNumber(), environment.name(),
                        kept.stream().map(k -> messages.text(k.code(), k.args())).collect(Collectors.joining("; ")));
            }
            result.put(environment.id(), new Rollback(versions, kept));
        }
        return result;
    }

    /** An environment of a recorded deployment as {@code release.deployed} names it, with the versions it runs. */
    private static ReleaseDeployed.Target target(DeploymentEnvironment environment) {
        return new ReleaseDeployed.Target(environment.getEnvironmentId(), environment.getVersions().stream()
                .map(v -> new ComponentVersion(v.getComponent(), v.getVersion())).toList());
    }

    /**
     * A record stored before release-service checked the version grammar may hold a version that version sync would
     * refuse (its event would be dead-lettered and the environments stay pending): such a record is not deployed.
     */
    private static void refuseInvalidVersions(ReleaseRecord release) {
        for (int i = 0; i < release.getItems().size(); i++) {
            ReleaseItem item = release.getItems().get(i);
            if (!Version.isValid(item.getVersion())) {
                throw new FieldException("items[" + i + "].version", "version.invalid-item", release.getNumber(),
                        item.getComponent(), item.getVersion());
            }
        }
    }

    /**
     * A customer deployment (and a rollback, recorded the same way) is the record of work done at a customer site: it
     * needs at least one evidence file and notes. Every door (multipart and plain JSON) comes through here.
     */
    private static void requireEvidenceAndNotes(DeploymentOrder order, List<EvidenceUpload> uploads) {
        if (order.notes() == null || order.notes().isBlank()) {
            throw new FieldException("notes", "deployment.notes-required");
        }
        if (uploads.isEmpty()) {
            throw new FieldException("evidence", "deployment.evidence-required");
        }
    }

    /**
     * The package used must be one of this record's, built from its current content and still downloadable
     * ({@link ReleasePackage#refusal}, the rule the record's view offers packages by).
     */
    private void refuseUnknownOrOutdatedPackage(ReleaseRecord release, UUID packageBuildId) {
        if (packageBuildId == null) {
            return;
        }
        List<ReleasePackage> files = packages.findByReleaseIdAndBuildId(release.getId(), packageBuildId);
        if (files.isEmpty()) {
            throw new FieldException("packageBuildId", "deployment.package-other-release", release.getNumber());
        }
        String refusal = files.get(0).refusal(release.contentHash());
        if (refusal != null) {
            throw FieldException.conflict("packageBuildId", refusal, release.getNumber(), files.get(0).getFileName());
        }
    }

    private static void refuseWithdrawn(ReleaseRecord release) {
        if (release.getStatus() == ReleaseStatus.WITHDRAWN) {
            throw new ConflictException("deployment.release-withdrawn", release.getNumber());
        }
    }
}
