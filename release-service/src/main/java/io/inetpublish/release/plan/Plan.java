package io.inetpublish.release.plan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.people.PersonRef;
import io.inetpublish.release.release.ReleaseStatus;
import io.inetpublish.common.event.UpdateType;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * 升级计划: what it takes to bring each environment to the target (rules: docs/product.md, "Upgrade plans").
 *
 * @param link the plan's page in the web app ({@code /plans?environments=…&target=…}); shareable
 */
public record Plan(Target target, Instant computedAt, String link, List<EnvironmentPlan> environments) {

    @Schema(name = "PlanTargetView")
    public record Target(PlanTarget.Kind kind, List<ReleaseRef> releases, List<ComponentVersion> versions) {
    }

    public record ReleaseRef(UUID id, String number, String title) {
    }

    public record ComponentVersion(String component, String version) {
    }

    /** Named apart in the API description: rollouts have an EnvironmentRef of their own (without the customer). */
    @Schema(name = "PlanEnvironmentRef")
    public record EnvironmentRef(UUID id, String name, String type, UUID customerId, String customerName) {
    }

    /**
     * One environment's plan. {@code changes}: the components the plan moves (or should move and cannot);
     * {@code atTarget}: the targeted components it already runs at or past the target; {@code steps}: the records to
     * apply, in order; {@code skipped}: records this environment skipped on purpose; {@code alreadyDeployed}: records
     * in range that were deployed here before (left out); {@code gaps}: what stands between the plan and the target.
     */
    public record EnvironmentPlan(EnvironmentRef environment, List<Change> changes, List<AtTarget> atTarget,
            List<Step> steps, List<Skipped> skipped, List<ReleaseRef> alreadyDeployed, List<Gap> gaps) {

        /** Whether applying the steps reaches the target for every targeted component, with nothing in the way. */
        public boolean complete() {
            return gaps.isEmpty() && changes.stream().allMatch(c -> c.target() == null || c.reachesTarget());
        }
    }

    /**
     * A component the plan moves from {@code from} to {@code to} (what the steps install; {@code from} when none
     * does), towards {@code target} (null: the component is not targeted, a step brings it along);
     * {@code releases}: the numbers of the steps that install or pass through it, in order.
     */
    public record Change(String component, String from, String to, String target, boolean reachesTarget,
            boolean beyondTarget, List<String> releases) {
    }

    /** {@code relation}: EQUAL (runs the target) or AHEAD (already past it). */
    public record AtTarget(String component, String version, String target, String relation) {
    }

    /** One record to apply, at {@code position} (1-based) in the order. */
    public record Step(int position, UUID releaseId, String number, String title, ReleaseStatus status,
            UpdateType updateType, boolean configChange, String configNotes, List<Ticket> tickets, List<Item> items,
            UUID packageBuildId, boolean packageOutdated, String manual, Instant submittedAt) {
    }

    @Schema(name = "PlanTicket")
    public record Ticket(String id, String url) {
    }

    /**
     * One component of a step: INSTALL (the newest the plan brings), SUPERSEDED (a later step brings a newer
     * version: apply the step's manual, install the later version), ALREADY_PAST (the environment runs this or
     * newer: do not install), NOT_INSTALLED (the environment lacks the component). {@code beyondTarget}: newer than
     * the target.
     */
    @Schema(name = "PlanItem")
    public record Item(String component, String version, ItemState state, boolean beyondTarget) {
    }

    public enum ItemState {
        INSTALL, SUPERSEDED, ALREADY_PAST, NOT_INSTALLED
    }

    public record Skipped(ReleaseRef release, List<ComponentVersion> items, String reason, PersonRef skippedBy,
            Instant skippedAt) {
    }

    /**
     * NO_RECORD: no release record brings {@code component} {@code version} (nobody knows how to get there);
     * WITHDRAWN: {@code release} would bring it but was withdrawn; OUTDATED_BUILD: every package of {@code release}
     * was built before it was edited; MISSING_COMPONENT: the environment lacks {@code component};
     * ORDER_CONFLICT: {@code release} could not be placed in version order (two records want opposite orders).
     */
    public record Gap(GapKind kind, String component, String version, ReleaseRef release) {
    }

    public enum GapKind {
        NO_RECORD, WITHDRAWN, OUTDATED_BUILD, MISSING_COMPONENT, ORDER_CONFLICT
    }
}
