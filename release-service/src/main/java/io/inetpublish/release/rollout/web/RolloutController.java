package io.inetpublish.release.rollout.web;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.text.Texts;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.common.web.Paging;
import io.inetpublish.release.customer.EnvironmentInfo;
import io.inetpublish.release.release.web.Ticket;
import io.inetpublish.release.rollout.RolloutRequest;
import io.inetpublish.release.rollout.RolloutState;
import io.inetpublish.release.rollout.RolloutViews;
import io.inetpublish.release.rollout.Rollouts;
import io.inetpublish.release.schedule.ScheduleRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 发布推广 (rollouts): create one from a release record, follow it, skip or fail a target. */
@Tag(name = "Rollouts",
        description = "发布推广: one release record to many customers' environments chosen by tags, followed target by "
                + "target.")
@RestController
@RequiredArgsConstructor
class RolloutController {

    private final Rollouts rollouts;
    private final RolloutViews views;

    /** The schedules to create with the rollout, one per target (owner: the customer's owner unless given). */
    @Schema(name = "RolloutScheduleBody")
    record ScheduleBody(@Size(max = 300) String title, @NotNull OffsetDateTime plannedAt,
            @Size(max = 64) String timeZone, @Size(max = 20000) String content,
            @Size(max = 20) List<@Valid @NotNull Ticket> tickets, @Size(max = 64) String ownerId) {
    }

    record RolloutBody(@Size(max = 300) String title,
            @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags,
            Boolean allCustomers,
            @Size(max = 3) List<@NotNull @Pattern(regexp = "TEST|PROD|OTHER", message = "{rollout.environment-type}")
                    String> environmentTypes,
            @Size(max = 2000) List<@NotNull UUID> environmentIds,
            @Valid ScheduleBody schedule) {
    }

    record ReasonBody(@Size(max = 2000) String reason) {
    }

    record Preview(int total, List<Target> targets) {
    }

    @Schema(name = "RolloutTarget")
    record Target(UUID environmentId, String environmentName, String environmentType, UUID customerId,
            String customerName, List<String> customerTags) {

        static Target of(EnvironmentInfo e) {
            return new Target(e.id(), e.name(), e.type(), e.customerId(), e.customerName(), e.customerTags());
        }
    }

    @Operation(summary = "Start a rollout of a release record", description = "Support, admin.")
    @PostMapping("/api/releases/{releaseId}/rollouts")
    ResponseEntity<RolloutViews.RolloutView> create(@PathVariable UUID releaseId,
            @RequestBody @Valid RolloutBody body) {
        UUID id = rollouts.create(releaseId, request(body));
        return ResponseEntity.created(URI.create("/api/rollouts/" + id)).body(views.one(id));
    }

    /** The targets a body would choose, without creating anything (the create dialog shows them). */
    @Operation(summary = "Preview the targets a rollout would choose", description = "Creates nothing.")
    @PostMapping("/api/releases/{releaseId}/rollouts/preview")
    Preview preview(@PathVariable UUID releaseId, @RequestBody @Valid RolloutBody body) {
        List<EnvironmentInfo> targets = rollouts.targets(releaseId, request(body));
        return new Preview(targets.size(), targets.stream().map(Target::of).toList());
    }

    @Operation(summary = "List a release record's rollouts")
    @GetMapping("/api/releases/{releaseId}/rollouts")
    PageResponse<RolloutViews.RolloutView> ofRelease(@PathVariable UUID releaseId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return views.list(releaseId, Paging.page(page), Paging.size(size, 100));
    }

    @Operation(summary = "List rollouts", description = "Newest first.")
    @GetMapping("/api/rollouts")
    PageResponse<RolloutViews.RolloutView> list(@RequestParam(required = false) UUID releaseId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return views.list(releaseId, Paging.page(page), Paging.size(size, 100));
    }

    /**
     * Per release and environment, the state in the newest rollout that has it (the dashboard's cells); with
     * {@code customerId}, only those customers' environments (the dashboard's page: docs/bench-rollouts.md).
     */
    @Operation(summary = "Rollout states per release record and environment",
            description = "At most 20 release records; customerId (at most 100): only those customers' environments."
                    + " The dashboard's cells.")
    @GetMapping("/api/rollouts/states")
    List<RolloutViews.TargetState> states(@RequestParam(name = "releaseId", required = false) List<UUID> releaseIds,
            @RequestParam(name = "customerId", required = false) List<UUID> customerIds) {
        if (releaseIds == null || releaseIds.isEmpty()) {
            throw new FieldException("releaseId", "rollout.release-required");
        }
        if (releaseIds.size() > 20) {
            throw new FieldException("releaseId", "rollout.too-many-releases", 20);
        }
        if (customerIds != null && customerIds.size() > 100) {
            throw new FieldException("customerId", "rollout.too-many-customers", 100);
        }
        return views.states(releaseIds, customerIds);
    }

    @Operation(summary = "Show a rollout")
    @GetMapping("/api/rollouts/{id}")
    RolloutViews.RolloutView get(@PathVariable UUID id) {
        return views.one(id);
    }

    /** {@code state} (any of), {@code q} (customer or environment name). */
    @Operation(summary = "List a rollout's targets", description = "state (any of), q (customer or environment name).")
    @GetMapping("/api/rollouts/{id}/targets")
    PageResponse<RolloutViews.TargetView> targets(@PathVariable UUID id,
            @RequestParam(required = false) List<RolloutState> state, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return views.targets(id, state, q, Paging.page(page), Paging.size(size, 500));
    }

    @Operation(summary = "Skip a target", description = "Support, admin; cancels the target's planned schedule.")
    @PostMapping("/api/rollouts/{id}/targets/{targetId}/skip")
    RolloutViews.RolloutView skip(@PathVariable UUID id, @PathVariable UUID targetId,
            @RequestBody(required = false) @Valid ReasonBody body) {
        rollouts.skip(id, targetId, body == null ? null : body.reason());
        return views.one(id);
    }

    @Operation(summary = "Mark a target failed", description = "Support, admin.")
    @PostMapping("/api/rollouts/{id}/targets/{targetId}/fail")
    RolloutViews.RolloutView fail(@PathVariable UUID id, @PathVariable UUID targetId,
            @RequestBody(required = false) @Valid ReasonBody body) {
        rollouts.fail(id, targetId, body == null ? null : body.reason());
        return views.one(id);
    }

    private static RolloutRequest request(RolloutBody body) {
        ScheduleRequest schedule = null;
        if (body.schedule() != null) {
            ScheduleBody s = body.schedule();
            schedule = new ScheduleRequest(s.title(), null, List.of(), s.plannedAt().toInstant(),
                    ScheduleRequest.timeZone("schedule.timeZone", s.timeZone()), Texts.blankToNull(s.content()), null,
                    Ticket.refs(s.tickets()), s.ownerId());
        }
        return new RolloutRequest(body.title(), body.tags(), Boolean.TRUE.equals(body.allCustomers()),
                body.environmentTypes(), body.environmentIds(), schedule);
    }
}
