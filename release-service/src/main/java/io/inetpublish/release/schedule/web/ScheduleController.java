package io.inetpublish.release.schedule.web;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.text.Texts;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.release.release.web.Ticket;
import io.inetpublish.release.schedule.ScheduleRequest;
import io.inetpublish.release.schedule.ScheduleStatus;
import io.inetpublish.release.schedule.Schedules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 更新安排: create / edit / cancel / done, the views, and many at once from an impact-search result. */
@Tag(name = "Update schedules",
        description = "更新安排: when which customer environment gets an update, who owns it; due and overdue "
                + "reminders.")
@RestController
@RequestMapping("/api/schedules")
@RequiredArgsConstructor
class ScheduleController {

    private final Schedules schedules;
    private final ScheduleViews views;

    /** One schedule of one customer's environment(s). */
    record ScheduleBody(
            @Size(max = 300) String title,
            @NotNull UUID customerId,
            @NotEmpty @Size(max = 50) List<@NotNull UUID> environmentIds,
            @NotNull OffsetDateTime plannedAt,
            @Size(max = 64) String timeZone,
            @Size(max = 20000) String content,
            @Size(max = 50) List<@NotNull UUID> releaseIds,
            @Size(max = 20) List<@Valid @NotNull Ticket> tickets,
            @Size(max = 64) String ownerId,
            Long version) {
    }

    /** One schedule per listed environment (the rows of an impact search), sharing time, content and links. */
    record BatchBody(
            @Size(max = 300) String title,
            @NotEmpty @Size(max = 500) List<@NotNull UUID> environmentIds,
            @NotNull OffsetDateTime plannedAt,
            @Size(max = 64) String timeZone,
            @Size(max = 20000) String content,
            @Size(max = 50) List<@NotNull UUID> releaseIds,
            @Size(max = 20) List<@Valid @NotNull Ticket> tickets,
            @Size(max = 64) String ownerId) {
    }

    record CancelBody(@Size(max = 2000) String reason) {
    }

    record Created(List<ScheduleViews.ScheduleView> items) {
    }

    @Operation(summary = "Plan an update", description = "Support, admin.")
    @PostMapping
    ResponseEntity<ScheduleViews.ScheduleView> create(@RequestBody @Valid ScheduleBody body) {
        UUID id = schedules.create(request(body.title(), body.customerId(), body.environmentIds(), body.plannedAt(),
                body.timeZone(), body.content(), body.releaseIds(), body.tickets(), body.ownerId()));
        return ResponseEntity.created(URI.create("/api/schedules/" + id)).body(views.one(id));
    }

    @Operation(summary = "Plan an update for each environment of an impact search", description = "Support, admin.")
    @PostMapping("/batch")
    ResponseEntity<Created> createForEach(@RequestBody @Valid BatchBody body) {
        List<UUID> ids = schedules.createForEach(request(body.title(), null, body.environmentIds(), body.plannedAt(),
                body.timeZone(), body.content(), body.releaseIds(), body.tickets(), body.ownerId()));
        return ResponseEntity.status(201).body(new Created(views.all(ids)));
    }

    @Operation(summary = "Change a schedule", description = "Support, admin.")
    @PutMapping("/{id}")
    ScheduleViews.ScheduleView edit(@PathVariable UUID id, @RequestBody @Valid ScheduleBody body) {
        schedules.edit(id, request(body.title(), body.customerId(), body.environmentIds(), body.plannedAt(),
                body.timeZone(), body.content(), body.releaseIds(), body.tickets(), body.ownerId()), body.version());
        return views.one(id);
    }

    @Operation(summary = "Cancel a schedule", description = "Support, admin.")
    @PostMapping("/{id}/cancel")
    ScheduleViews.ScheduleView cancel(@PathVariable UUID id, @RequestBody(required = false) @Valid CancelBody body) {
        schedules.cancel(id, body == null ? null : body.reason());
        return views.one(id);
    }

    @Operation(summary = "Mark a schedule done", description = "Support, admin.")
    @PostMapping("/{id}/done")
    ScheduleViews.ScheduleView done(@PathVariable UUID id) {
        schedules.complete(id);
        return views.one(id);
    }

    @Operation(summary = "Show a schedule")
    @GetMapping("/{id}")
    ScheduleViews.ScheduleView get(@PathVariable UUID id) {
        return views.one(id);
    }

    /**
     * {@code view=due-this-week} (not done/cancelled, planned in the current week of the business zone) or
     * {@code view=overdue}; {@code customerId}, {@code owner}, {@code status}, {@code releaseId} narrow further.
     */
    @Operation(summary = "List schedules",
            description = "view=due-this-week or overdue; filters by customer, owner, status and more.")
    @GetMapping
    PageResponse<ScheduleViews.ScheduleView> list(
            @RequestParam(required = false) @Pattern(regexp = "due-this-week|overdue",
                    message = "{schedule.view}") String view,
            @RequestParam(required = false) List<ScheduleStatus> status,
            @RequestParam(required = false) UUID customerId,
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) UUID releaseId,
            @RequestParam(required = false) UUID environmentId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return views.list(new ScheduleViews.Filter(view, status, customerId, owner, releaseId, environmentId), page,
                size);
    }

    private static ScheduleRequest request(String title, UUID customerId, List<UUID> environmentIds,
            OffsetDateTime plannedAt, String timeZone, String content, List<UUID> releaseIds, List<Ticket> tickets,
            String owner) {
        return new ScheduleRequest(title, customerId, environmentIds, plannedAt.toInstant(),
                ScheduleRequest.timeZone("timeZone", timeZone), Texts.blankToNull(content), releaseIds,
                Ticket.refs(tickets), owner);
    }
}
