package io.inetpublish.release.approval.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.people.PersonRef;
import io.inetpublish.release.approval.ApprovalDecision;
import io.inetpublish.release.approval.ApprovalPolicies;
import io.inetpublish.release.approval.ApprovalView;
import io.inetpublish.release.approval.ApprovalStatus;
import io.inetpublish.release.approval.Approvals;
import io.inetpublish.release.approval.FeishuCardCallbacks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approvals of customer deployments (README "API"): the policy (ADMIN), requests (SUPPORT/ADMIN), decisions (the
 * approvers the policy names), and Feishu's card callback, which carries no platform token and is authenticated by
 * its signature and Verification Token (docs/feishu-card-callback.md).
 */
@Tag(name = "Approvals",
        description = "Approvals of customer deployments: the policy (admin), requests (support, admin), decisions, "
                + "Feishu's card callback.")
@RestController
@RequiredArgsConstructor
class ApprovalController {

    /** Feishu's callbacks are small; anything larger is not one (the gateway's route limit is the same). */
    static final int MAX_CALLBACK_BYTES = 64 * 1024;

    private final ApprovalPolicies policies;
    private final Approvals approvals;
    private final FeishuCardCallbacks callbacks;
    @Value("${inetpublish.approvals.platform-base-url:http://localhost:8080}")
    private String platform;

    record PolicyView(boolean production, boolean configChange, List<String> approverRoles,
            List<PersonRef> approvers, boolean verificationTokenSet, boolean encryptKeySet, String callbackUrl,
            java.time.Instant updatedAt, PersonRef updatedBy) {
    }

    record PolicyRequest(Boolean production, Boolean configChange, @Size(max = 10) List<String> approverRoles,
            @Size(max = 200) List<String> approverIds, @Size(max = 1000) String verificationToken,
            @Size(max = 1000) String encryptKey) {
    }

    record ApprovalRequest(@NotNull UUID releaseId, @NotNull UUID environmentId, @Size(max = 5000) String note) {
    }

    record DecisionRequest(@NotNull ApprovalDecision decision, @Size(max = 5000) String reason) {
    }

    @Operation(summary = "Show the approval policy")
    @GetMapping("/api/approvals/policy")
    PolicyView policy() {
        return view(policies.get());
    }

    @Operation(summary = "Change the approval policy",
            description = "Admin. Secrets are write-only: null keeps, an empty string removes.")
    @PutMapping("/api/approvals/policy")
    PolicyView updatePolicy(@Valid @RequestBody PolicyRequest request) {
        return view(policies.update(new ApprovalPolicies.Update(request.production(), request.configChange(),
                request.approverRoles(), request.approverIds(), request.verificationToken(), request.encryptKey())));
    }

    @Operation(summary = "List approval requests")
    @GetMapping("/api/approvals")
    List<ApprovalView> list(@RequestParam(required = false) UUID releaseId,
            @RequestParam(required = false) UUID environmentId,
            @RequestParam(required = false) ApprovalStatus status) {
        return approvals.list(releaseId, environmentId, status);
    }

    @Operation(summary = "Whether a deployment needs approval",
            description = "For a release record and an environment, with the latest request.")
    @GetMapping("/api/approvals/requirement")
    Approvals.ApprovalState requirement(@RequestParam UUID releaseId, @RequestParam UUID environmentId) {
        return approvals.state(releaseId, environmentId);
    }

    @Operation(summary = "Show an approval request")
    @GetMapping("/api/approvals/{id}")
    ApprovalView get(@PathVariable UUID id) {
        return approvals.get(id);
    }

    @Operation(summary = "Ask for an approval",
            description = "Support, admin. 201 with the request; 200 with the open or still valid one.")
    @PostMapping("/api/approvals")
    ResponseEntity<ApprovalView> request(@Valid @RequestBody ApprovalRequest request) {
        Approvals.Requested requested = approvals.request(request.releaseId(), request.environmentId(),
                request.note());
        return requested.created()
                ? ResponseEntity.created(URI.create("/api/approvals/" + requested.approval().id()))
                        .body(requested.approval())
                : ResponseEntity.ok(requested.approval());
    }

    @Operation(summary = "Approve or reject",
            description = "Whom the policy names, never the requester; the first decision wins (409 after).")
    @PostMapping("/api/approvals/{id}/decision")
    ApprovalView decide(@PathVariable UUID id, @Valid @RequestBody DecisionRequest request) {
        return approvals.decide(id, request.decision(), request.reason());
    }

    /** Feishu's card callback: the raw body is needed as sent, for the signature. */
    @Operation(summary = "Feishu's card callback",
            description = "Called by Feishu, authenticated by its signature and Verification Token, not an access "
                    + "token.")
    @SecurityRequirements
    @PostMapping(path = "/api/approvals/feishu/card-callback", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> feishuCallback(@RequestBody(required = false) byte[] body,
            @RequestHeader(name = FeishuCardCallbacks.TIMESTAMP, required = false) String timestamp,
            @RequestHeader(name = FeishuCardCallbacks.NONCE, required = false) String nonce,
            @RequestHeader(name = FeishuCardCallbacks.SIGNATURE, required = false) String signature) {
        if (body == null || body.length == 0 || body.length > MAX_CALLBACK_BYTES) {
            return ResponseEntity.status(body == null || body.length == 0 ? 400 : 413)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"code\":400,\"msg\":\"no callback body, or one larger than 64 KB\"}");
        }
        FeishuCardCallbacks.Answer answer = callbacks.handle(body, timestamp, nonce, signature);
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }

    private PolicyView view(ApprovalPolicies.Policy policy) {
        String base = platform.endsWith("/") ? platform.substring(0, platform.length() - 1) : platform;
        return new PolicyView(policy.production(), policy.configChange(), policy.approverRoles(),
                policy.approvers(), policy.verificationToken() != null, policy.encryptKey() != null,
                base + "/api/approvals/feishu/card-callback", policy.updatedAt(), policy.updatedBy());
    }
}
