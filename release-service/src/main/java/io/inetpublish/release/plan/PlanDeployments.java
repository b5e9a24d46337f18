package io.inetpublish.release.plan;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.release.build.BuildDirectory;
import io.inetpublish.release.build.BuildInfo;
import io.inetpublish.release.deployment.Deployments;
import io.inetpublish.release.deployment.EvidenceUpload;
import io.inetpublish.release.deployment.PlanDeploymentOrder;
import io.inetpublish.release.deployment.web.DeploymentView;
import io.inetpublish.release.deployment.web.DeploymentViews;
import io.inetpublish.release.plan.Plan.EnvironmentPlan;
import io.inetpublish.release.plan.Plan.ItemState;
import io.inetpublish.release.plan.Plan.Step;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * 记录升级计划的部署: the plan is computed again at the moment of recording; when its steps are still the records the
 * person saw, every step is recorded as a customer deployment of its record at the environment, with the versions the
 * plan installs ({@link Deployments#recordPlan}). The versions then reach customer-service through the usual
 * {@code release.deployed} events, and each record completes when its environment is synced.
 */
@Service
@RequiredArgsConstructor
public class PlanDeployments {

    private final Plans plans;
    private final Deployments deployments;
    private final DeploymentViews views;
    private final JdbcTemplate jdbc;
    private final BuildDirectory builds;

    /**
     * @param releaseIds the steps the person saw, in order: refused (409) when the plan has changed since
     */
    public UUID record(UUID environmentId, PlanTarget target, List<UUID> releaseIds, UUID bundleBuildId,
            Instant deployedAt, String notes, List<EvidenceUpload> uploads) {
        if (environmentId == null) {
            throw new FieldException("environmentId", "plan.environment-required");
        }
        if (releaseIds == null || releaseIds.isEmpty()) {
            throw new FieldException("releaseIds", "plan.release-ids-required");
        }
        Plan plan = plans.plan(List.of(environmentId), target);
        EnvironmentPlan environment = plan.environments().get(0);
        if (environment.steps().isEmpty()) {
            throw new ConflictException("plan.nothing-to-deploy", environment.environment().name());
        }
        List<UUID> steps = environment.steps().stream().map(Step::releaseId).toList();
        if (!steps.equals(releaseIds)) {
            throw FieldException.conflict("releaseIds", "plan.changed", environment.steps().stream()
                    .map(Step::number).collect(Collectors.joining(" → ")));
        }
        if (bundleBuildId != null) {
            checkBundle(bundleBuildId, environment);
        }
        List<PlanDeploymentOrder.Step> order = environment.steps().stream()
                .map(step -> new PlanDeploymentOrder.Step(step.releaseId(), step.items().stream()
                        .filter(i -> i.state() == ItemState.INSTALL)
                        .map(i -> PlanDeploymentOrder.version(i.component(), i.version())).toList()))
                .toList();
        return deployments.recordPlan(new PlanDeploymentOrder(environmentId, plan.link(), bundleBuildId, deployedAt,
                notes, order), uploads);
    }

    /** Asked when the deployment is recorded (503 and nothing stored when build-service cannot answer). */
    private void checkBundle(UUID bundleBuildId, EnvironmentPlan environment) {
        BuildInfo bundle = builds.build(bundleBuildId)
                .orElseThrow(() -> new FieldException("bundleBuildId", "plan.bundle-unknown", bundleBuildId));
        FieldException refused = refusal(bundle, environment);
        if (refused != null) {
            throw refused;
        }
    }

    /**
     * The one rule for a plan deployment's delta bundle: it must be the one that brings this plan to this
     * environment. build-service knows it as a delta bundle (not a record's package or a test deployment) of this
     * environment, it completed and can still be downloaded, and it contains every component version the plan
     * installs. Null when the bundle may be named; else why not (the problem the deployment is refused with).
     */
    private static FieldException refusal(BuildInfo bundle, EnvironmentPlan environment) {
        String name = bundle.releaseNumber() != null ? bundle.releaseNumber() : bundle.id().toString();
        if (!bundle.isDeltaBundle()) {
            return new FieldException("bundleBuildId", "plan.bundle-not-delta", name);
        }
        if (!environment.environment().id().equals(bundle.environmentId())) {
            return new FieldException("bundleBuildId", "plan.bundle-other-environment", name,
                    bundle.customerName(), bundle.environmentName());
        }
        if (!bundle.completed()) {
            return FieldException.conflict("bundleBuildId", "plan.bundle-not-completed", name);
        }
        if (!bundle.downloadable()) {
            return FieldException.conflict("bundleBuildId", "plan.bundle-not-kept", name);
        }
        Set<String> inBundle = bundle.items() == null ? Set.of() : bundle.items().stream()
                .map(i -> i.component() + " " + i.version()).collect(Collectors.toSet());
        String missing = environment.steps().stream().flatMap(step -> step.items().stream())
                .filter(i -> i.state() == ItemState.INSTALL)
                .map(i -> i.component() + " " + i.version())
                .filter(cv -> !inBundle.contains(cv)).distinct().collect(Collectors.joining(", "));
        return missing.isEmpty() ? null : FieldException.conflict("bundleBuildId", "plan.bundle-lacks", name, missing);
    }

    /** How many of an environment's newest builds are looked at for {@link #bundles}. */
    static final int BUNDLES_LOOKED_AT = 100;

    /** A delta bundle a plan deployment may name now. */
    public record BundleOption(UUID buildId, String name, BuildResult result, Instant finishedAt,
            List<BuildInfo.Item> items) {
    }

    /**
     * The delta bundles the deployment of this environment's plan towards {@code target} accepts now, newest first:
     * what the form offers, by the same rule ({@link #refusal}) the recording applies. 503 when build-service
     * cannot answer.
     */
    public List<BundleOption> bundles(UUID environmentId, PlanTarget target) {
        if (environmentId == null) {
            throw new FieldException("environmentId", "plan.environment-required");
        }
        EnvironmentPlan environment = plans.plan(List.of(environmentId), target).environments().get(0);
        if (environment.steps().isEmpty()) {
            return List.of();
        }
        return builds.ofEnvironment(environmentId, BUNDLES_LOOKED_AT).stream()
                .filter(b -> refusal(b, environment) == null)
                .map(b -> new BundleOption(b.id(), b.releaseNumber(), b.result(), b.finishedAt(),
                        b.items() == null ? List.of() : b.items()))
                .toList();
    }

    /** A plan deployment with the customer deployment of each record it covered, in the plan's order. */
    public record PlanDeploymentView(UUID id, UUID environmentId, String environmentName, UUID customerId,
            String customerName, String plan, UUID bundleBuildId, Instant deployedAt, PersonRef recordedBy,
            Instant recordedAt, List<DeploymentView> deployments) {
    }

    public PlanDeploymentView view(UUID id) {
        List<PlanDeploymentView> found = jdbc.query("""
                select id, environment_id, environment_name, customer_id, customer_name, target, bundle_build_id,
                       deployed_at, recorded_by_id, recorded_by_name, recorded_at
                from plan_deployment where id = ?
                """, (rs, n) -> new PlanDeploymentView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6),
                rs.getObject(7, UUID.class), rs.getTimestamp(8).toInstant(),
                PersonRef.of(rs.getString(9), rs.getString(10)), rs.getTimestamp(11).toInstant(),
                views.ofPlan(rs.getObject(1, UUID.class))), id);
        return found.stream().findFirst().orElseThrow(() -> new NotFoundException("planDeployment", id));
    }

    /** The plan deployments of an environment, newest first. */
    public List<PlanDeploymentView> ofEnvironment(UUID environmentId) {
        return jdbc.queryForList("select id from plan_deployment where environment_id = ? order by recorded_at desc",
                UUID.class, environmentId).stream().map(this::view).toList();
    }
}
