package io.inetpublish.customer.compare.web;

import java.util.List;
import java.util.UUID;

import io.inetpublish.common.web.FieldException;
import io.inetpublish.customer.compare.DriftOverview;
import io.inetpublish.customer.compare.VersionCompare;
import io.inetpublish.customer.environment.EnvironmentType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Version compare", description = "版本对比: environments side by side, against the mainline, and drift.")
@RestController
@RequiredArgsConstructor
class CompareController {

    private final VersionCompare compare;
    private final DriftOverview drift;

    /** {@code environments}: 2 to 50 environment ids (repeated or comma-separated), any customers. */
    @Operation(summary = "Compare environments' component versions",
            description = "environments: 2 to 50 ids of any customers.")
    @GetMapping("/api/versions/compare")
    VersionCompare.Matrix compare(@RequestParam(defaultValue = "") List<UUID> environments,
            @RequestParam(defaultValue = "false") boolean differencesOnly) {
        return compare.compare(environments, differencesOnly);
    }

    /**
     * {@code environments}: 1 to 50 environment ids; each known one with its installed components and their
     * mainline (unknown ones are left out). release-service's upgrade plans read this.
     */
    @Operation(summary = "What environments run, with the mainline",
            description = "environments: 1 to 50 ids; unknown ones are left out.")
    @GetMapping("/api/versions/installed")
    List<VersionCompare.EnvironmentInstallation> installed(@RequestParam(defaultValue = "") List<UUID> environments) {
        return compare.installations(environments);
    }

    @Operation(summary = "Compare environments against the mainline")
    @GetMapping("/api/versions/compare/mainline")
    VersionCompare.MainlineComparison againstMainline(@RequestParam(required = false) UUID environment,
            @RequestParam(defaultValue = "false") boolean differencesOnly) {
        if (environment == null) {
            throw new FieldException("environment", "compare.environment-required");
        }
        return compare.againstMainline(environment, differencesOnly);
    }

    @Operation(summary = "Environments that drifted from the mainline")
    @GetMapping("/api/versions/drift")
    DriftOverview.Overview drift(@RequestParam(required = false) UUID customerId,
            @RequestParam(required = false) EnvironmentType type) {
        return drift.overview(customerId, type == null ? null : type.name());
    }
}
