package io.inetpublish.release.plan.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.inetpublish.common.text.Texts;
import io.inetpublish.common.version.Version;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.release.plan.Plan;
import io.inetpublish.release.plan.PlanTarget;
import io.inetpublish.release.plan.Plans;
import io.inetpublish.release.plan.Skips;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 升级计划 and 跳过. {@code GET /api/plans?environments=<1..50 ids>} with one target: {@code target=mainline} (the
 * default), {@code releases=<ids>} or {@code versions=<component@version,…>}; {@code /api/plans/markdown} answers the
 * same plan as a Markdown file. Skip marks: {@code PUT/DELETE /api/releases/{id}/skips/{environmentId}},
 * {@code GET /api/releases/{id}/skips}, {@code GET /api/plans/skips?environments=}.
 */
@Tag(name = "Upgrade plans",
        description = "升级计划: the steps that bring environments to the mainline, to chosen records or versions; skip "
                + "marks.")
@RestController
class PlanController {

    static final int MAX_RELEASES = 100;

    private final Plans plans;
    private final Skips skips;
    private final io.inetpublish.release.plan.PlanDocuments documents;
    private final String baseUrl;

    PlanController(Plans plans, Skips skips, io.inetpublish.release.plan.PlanDocuments documents,
            @Value("${inetpublish.release.platform-base-url:http://localhost:8080}") String baseUrl) {
        this.plans = plans;
        this.skips = skips;
        this.documents = documents;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Operation(summary = "Plan the upgrade of environments",
            description = "environments: 1 to 50 ids; one target: target=mainline (default), releases or versions.")
    @GetMapping("/api/plans")
    Plan plan(@RequestParam(defaultValue = "") List<UUID> environments,
            @RequestParam(required = false) String target,
            @RequestParam(defaultValue = "") List<UUID> releases,
            @RequestParam(defaultValue = "") List<String> versions) {
        return plans.plan(environments, target(target, releases, versions));
    }

    @Operation(summary = "The same plan as a Markdown attachment")
    @GetMapping("/api/plans/markdown")
    ResponseEntity<byte[]> markdown(@RequestParam(defaultValue = "") List<UUID> environments,
            @RequestParam(required = false) String target,
            @RequestParam(defaultValue = "") List<UUID> releases,
            @RequestParam(defaultValue = "") List<String> versions) {
        Plan plan = plans.plan(environments, target(target, releases, versions));
        byte[] body = documents.markdown(plan, baseUrl).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"upgrade-plan-"
                        + LocalDate.now() + ".md\"")
                .body(body);
    }

    /** One target from the query; more than one, or a malformed one, is refused naming the parameter. */
    static PlanTarget target(String target, List<UUID> releases, List<String> versions) {
        String given = Texts.blankToNull(target);
        String kind = given == null ? null : given.toUpperCase(Locale.ROOT);
        if (kind != null && !List.of("MAINLINE", "RELEASES", "VERSIONS").contains(kind)) {
            throw new FieldException("target", "plan.target-unknown", target);
        }
        if (!releases.isEmpty() && !versions.isEmpty()
                || "MAINLINE".equals(kind) && !(releases.isEmpty() && versions.isEmpty())) {
            throw new FieldException("target", "plan.target-one");
        }
        if (!releases.isEmpty() || "RELEASES".equals(kind)) {
            if (releases.isEmpty()) {
                throw new FieldException("releases", "plan.releases-required");
            }
            if (releases.size() > MAX_RELEASES) {
                throw new FieldException("releases", "plan.releases-limit", MAX_RELEASES);
            }
            return new PlanTarget(PlanTarget.Kind.RELEASES, List.copyOf(new java.util.LinkedHashSet<>(releases)),
                    Map.of());
        }
        if (!versions.isEmpty() || "VERSIONS".equals(kind)) {
            if (versions.isEmpty()) {
                throw new FieldException("versions", "plan.versions-required");
            }
            Map<String, String> wanted = new LinkedHashMap<>();
            for (int i = 0; i < versions.size(); i++) {
                String field = "versions[" + i + "]";
                String text = versions.get(i).strip();
                int at = text.lastIndexOf('@');
                if (at <= 0 || at == text.length() - 1) {
                    throw new FieldException(field, "plan.version-item", text);
                }
                String component = text.substring(0, at).strip();
                String version = text.substring(at + 1).strip();
                if (!Version.isValid(version)) {
                    throw new FieldException(field, Version.INVALID_VALUE, version);
                }
                if (wanted.put(component, version) != null) {
                    throw new FieldException(field, "plan.component-twice", component);
                }
            }
            return new PlanTarget(PlanTarget.Kind.VERSIONS, List.of(), wanted);
        }
        return PlanTarget.mainline();
    }

    @Operation(summary = "Skip marks of environments", description = "environments: 1 to 50 ids.")
    @GetMapping("/api/plans/skips")
    List<Skips.Skip> skipsOf(@RequestParam(defaultValue = "") List<UUID> environments) {
        return skips.forEnvironments(environments);
    }

    @Operation(summary = "Skip marks of a release record")
    @GetMapping("/api/releases/{releaseId}/skips")
    List<Skips.Skip> skipsOfRelease(@PathVariable UUID releaseId) {
        return skips.forRelease(releaseId);
    }

    record SkipRequest(@Size(max = Skips.MAX_REASON) String reason) {
    }

    @Operation(summary = "Mark a release record skipped for an environment",
            description = "Support, admin; a reason is required.")
    @PutMapping("/api/releases/{releaseId}/skips/{environmentId}")
    Skips.Skip skip(@PathVariable UUID releaseId, @PathVariable UUID environmentId,
            @RequestBody SkipRequest request) {
        return skips.skip(releaseId, environmentId, request.reason());
    }

    @Operation(summary = "Take a skip mark back", description = "Support, admin.")
    @DeleteMapping("/api/releases/{releaseId}/skips/{environmentId}")
    ResponseEntity<Void> unskip(@PathVariable UUID releaseId, @PathVariable UUID environmentId) {
        skips.remove(releaseId, environmentId);
        return ResponseEntity.noContent().build();
    }
}
