package io.inetpublish.release.release.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.UpdateType;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.release.release.ReleaseStatus;
import io.inetpublish.release.release.Releases;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 发布记录: submit, edit, withdraw, list with filters, detail with timeline. */
@Tag(name = "Release records",
        description = "发布记录: a fix or feature as components with versions, tickets and configuration changes, with "
                + "its timeline.")
@RestController
@RequestMapping("/api/releases")
@RequiredArgsConstructor
class ReleaseController {

    private final Releases releases;
    private final ReleaseViews views;

    record WithdrawRequest(@Size(max = 2000) String reason) {
    }

    @Operation(summary = "Submit a release record", description = "Developer, tester, support, admin.")
    @PostMapping
    ResponseEntity<ReleaseViews.ReleaseDetail> submit(@RequestBody @Valid ReleaseRequest request) {
        UUID id = releases.submit(request.content());
        return ResponseEntity.created(URI.create("/api/releases/" + id)).body(views.detail(id));
    }

    @Operation(summary = "Edit a release record",
            description = "Developer, tester, support, admin; version is the one last read (else 409 "
                    + "concurrent-edit).")
    @PutMapping("/{id}")
    ReleaseViews.ReleaseDetail edit(@PathVariable UUID id, @RequestBody @Valid ReleaseRequest request) {
        releases.edit(id, request.content(), request.version());
        return views.detail(id);
    }

    @Operation(summary = "Withdraw a release record", description = "Developer, tester, support, admin.")
    @PostMapping("/{id}/withdraw")
    ReleaseViews.ReleaseDetail withdraw(@PathVariable UUID id,
            @RequestBody(required = false) @Valid WithdrawRequest request) {
        releases.withdraw(id, request == null ? null : request.reason());
        return views.detail(id);
    }

    @Operation(summary = "List release records",
            description = "Filters: status, update type, component, ticket, submitter, text, submitted from/to, "
                    + "configuration change.")
    @GetMapping
    PageResponse<ReleaseViews.ReleaseSummary> list(
            @RequestParam(required = false) List<ReleaseStatus> status,
            @RequestParam(required = false) List<UpdateType> updateType,
            @RequestParam(required = false) String component,
            @RequestParam(required = false) String ticket,
            @RequestParam(required = false) String submitter,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Boolean configChange,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return views.list(new ReleaseViews.Filter(status, updateType, component, ticket, submitter, q, from, to,
                configChange), page, size);
    }

    @Operation(summary = "Show a release record with builds, deployments and timeline")
    @GetMapping("/{id}")
    ReleaseViews.ReleaseDetail get(@PathVariable UUID id) {
        return views.detail(id);
    }
}
