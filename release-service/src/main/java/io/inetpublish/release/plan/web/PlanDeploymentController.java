package io.inetpublish.release.plan.web;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.idempotency.IdempotentRequests;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.release.deployment.EvidenceUpload;
import io.inetpublish.release.deployment.web.EvidenceSubmissions;
import io.inetpublish.release.plan.PlanDeployments;
import io.inetpublish.release.plan.PlanDeployments.BundleOption;
import io.inetpublish.release.plan.PlanDeployments.PlanDeploymentView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * 记录升级计划的部署: {@code POST /api/plans/deployments} as multipart, a JSON part {@code deployment} (the
 * environment, the plan's target as in {@code GET /api/plans}, the steps seen as {@code releaseIds}, the delta
 * bundle's build id or none, when, notes) plus one to ten {@code evidence} files, as for any customer deployment.
 */
@Tag(name = "Plan deployments",
        description = "The deployment of a whole upgrade plan to one environment, with evidence files, recorded as "
                + "one.")
@RestController
@RequiredArgsConstructor
class PlanDeploymentController {

    // one operation in the API reference for both bodies
    static final String RECORD = "Record the deployment of an upgrade plan";
    static final String RECORD_DETAILS = "Support, admin. " + EvidenceSubmissions.BODIES;

    private final PlanDeployments planDeployments;
    private final EvidenceSubmissions submissions;

    record PlanDeploymentRequest(
            UUID environmentId,
            String target,
            List<UUID> releases,
            List<String> versions,
            @Size(max = 500) List<UUID> releaseIds,
            UUID bundleBuildId,
            OffsetDateTime deployedAt,
            @Size(max = 20000) String notes) {
    }

    @Operation(summary = RECORD, description = RECORD_DETAILS)
    @PostMapping(path = "/api/plans/deployments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> recordWithEvidence(@RequestPart("deployment") @Valid PlanDeploymentRequest request,
            @RequestPart(name = "evidence", required = false) List<MultipartFile> files,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return submissions.once(idempotencyKey, "/api/plans/deployments", request, files,
                uploads -> record(request, uploads));
    }

    /** Without files: refused for lack of evidence, as any customer deployment. */
    @Operation(summary = RECORD, description = RECORD_DETAILS)
    @PostMapping(path = "/api/plans/deployments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> recordJson(@RequestBody @Valid PlanDeploymentRequest request) {
        return record(request, List.of());
    }

    private ResponseEntity<PlanDeploymentView> record(PlanDeploymentRequest request, List<EvidenceUpload> uploads) {
        UUID id = planDeployments.record(request.environmentId(), PlanController.target(request.target(),
                        orEmpty(request.releases()), orEmpty(request.versions())), request.releaseIds(),
                request.bundleBuildId(), request.deployedAt() == null ? null : request.deployedAt().toInstant(),
                request.notes(), uploads);
        return ResponseEntity.created(URI.create("/api/plans/deployments/" + id)).body(planDeployments.view(id));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    @Operation(summary = "Show a plan deployment")
    @GetMapping("/api/plans/deployments/{id}")
    PlanDeploymentView get(@PathVariable UUID id) {
        return planDeployments.view(id);
    }

    @Operation(summary = "The delta bundles a plan deployment may name",
            description = "The delta bundles of the environment that the deployment of "
                    + "its plan (target, releases, versions as in GET /api/plans) accepts now, newest first: "
                    + "completed, still downloadable, containing every version the plan installs. 503 when "
                    + "build-service cannot answer.")
    @GetMapping("/api/plans/deployments/bundles")
    List<BundleOption> bundles(@RequestParam(required = false) UUID environmentId,
            @RequestParam(required = false) String target,
            @RequestParam(defaultValue = "") List<UUID> releases,
            @RequestParam(defaultValue = "") List<String> versions) {
        return planDeployments.bundles(environmentId, PlanController.target(target, releases, versions));
    }

    @Operation(summary = "List an environment's plan deployments")
    @GetMapping("/api/plans/deployments")
    List<PlanDeploymentView> ofEnvironment(@RequestParam(required = false) UUID environmentId) {
        if (environmentId == null) {
            throw new FieldException("environmentId", "plan.environment-required");
        }
        return planDeployments.ofEnvironment(environmentId);
    }
}
