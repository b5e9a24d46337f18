package io.inetpublish.release.deployment.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.idempotency.IdempotentRequests;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.common.event.DeploymentKind;
import io.inetpublish.release.deployment.DeploymentOrder;
import io.inetpublish.release.deployment.Deployments;
import io.inetpublish.release.deployment.EvidenceFile;
import io.inetpublish.release.deployment.EvidenceStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * 客户部署: {@code POST /api/releases/{id}/deployments} as multipart (a JSON part {@code deployment} plus one to ten
 * {@code evidence} file parts; notes required); {@code kind: ROLLBACK} records a rollback. Plain JSON is answered
 * with the same refusal for the missing evidence.
 */
@Tag(name = "Customer deployments",
        description = "客户部署: a release record deployed to (or rolled back at) customer environments, with evidence "
                + "files.")
@RestController
@RequiredArgsConstructor
class DeploymentController {

    // one operation in the API reference for both bodies
    static final String RECORD = "Record a customer deployment or rollback";
    static final String RECORD_DETAILS = "Support, admin. " + EvidenceSubmissions.BODIES + " Notes required.";

    private final Deployments deployments;
    private final DeploymentViews views;
    private final EvidenceStore evidence;
    private final EvidenceSubmissions submissions;

    record DeploymentRequest(
            DeploymentKind kind,
            @NotNull UUID customerId,
            @NotEmpty @Size(max = 50) List<@NotNull UUID> environmentIds,
            OffsetDateTime deployedAt,
            @Size(max = 20000) String notes,
            UUID packageBuildId) {

        DeploymentOrder order() {
            return new DeploymentOrder(kind == null ? DeploymentKind.DEPLOY : kind, customerId, environmentIds,
                    deployedAt == null ? null : deployedAt.toInstant(), notes, packageBuildId);
        }
    }

    /**
     * With an {@code Idempotency-Key} header the same submission sent twice is recorded once: the repeat answers the
     * first result; the same key with other content is refused (409).
     */
    @Operation(summary = RECORD, description = RECORD_DETAILS)
    @PostMapping(path = "/api/releases/{releaseId}/deployments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> recordWithEvidence(@PathVariable UUID releaseId,
            @RequestPart("deployment") @Valid DeploymentRequest request,
            @RequestPart(name = "evidence", required = false) List<MultipartFile> files,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return submissions.once(idempotencyKey, path(releaseId), request, files,
                uploads -> created(deployments.record(releaseId, request.order(), uploads)));
    }

    /** The same order without files: refused for lack of evidence, like a multipart request without files. */
    @Operation(summary = RECORD, description = RECORD_DETAILS)
    @PostMapping(path = "/api/releases/{releaseId}/deployments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> record(@PathVariable UUID releaseId, @RequestBody @Valid DeploymentRequest request,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return submissions.once(idempotencyKey, path(releaseId), request, List.of(),
                uploads -> created(deployments.record(releaseId, request.order(), uploads)));
    }

    private static String path(UUID releaseId) {
        return "/api/releases/" + releaseId + "/deployments";
    }

    @Operation(summary = "List a release record's customer deployments")
    @GetMapping("/api/releases/{releaseId}/deployments")
    List<DeploymentView> list(@PathVariable UUID releaseId) {
        return views.forRelease(releaseId);
    }

    @Operation(summary = "Show a customer deployment")
    @GetMapping("/api/deployments/{deploymentId}")
    DeploymentView get(@PathVariable UUID deploymentId) {
        return views.one(deploymentId);
    }

    /** Streams an evidence file back under its original name. */
    @Operation(summary = "Download an evidence file", description = "Under its original name.")
    @GetMapping("/api/deployments/{deploymentId}/evidence/{evidenceId}")
    void download(@PathVariable UUID deploymentId, @PathVariable UUID evidenceId, HttpServletResponse response)
            throws IOException {
        EvidenceFile file = evidence.find(deploymentId, evidenceId)
                .orElseThrow(() -> new NotFoundException("evidence", evidenceId));
        response.setContentType(file.contentType());
        response.setContentLengthLong(file.size());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(file.fileName()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        evidence.copy(file, response.getOutputStream());
    }

    private ResponseEntity<DeploymentView> created(UUID deploymentId) {
        return ResponseEntity.created(URI.create("/api/deployments/" + deploymentId)).body(get(deploymentId));
    }

    /** {@code attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded} (RFC 6266 / RFC 5987). */
    static String contentDisposition(String fileName) {
        StringBuilder fallback = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (char c : fileName.toCharArray()) {
            fallback.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? c : '_');
        }
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }
}
