package io.inetpublish.customer.component.web;

import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.text.Texts;
import io.inetpublish.common.version.ValidVersion;
import io.inetpublish.customer.component.ComponentCatalog;
import io.inetpublish.customer.component.ComponentCatalog.ReportOutcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The machine API a CI job calls after a main-branch build (integration token with scope {@code mainline:report},
 * see docs/ci-mainline.md): the component's mainline moves forward to the built version; the same version again
 * changes nothing ({@code changed: false}); an older one is refused with 409 {@code mainline-older}.
 */
@Tag(name = "Mainline reports",
        description = "For a CI after a main-branch build (integration token with scope mainline:report): the "
                + "mainline moves forward.")
@RestController
@RequiredArgsConstructor
class MainlineReportController {

    private final ComponentCatalog catalog;
    private final CurrentActor currentActor;

    /** {@code build}: the CI build that produced it (number or URL); {@code commit}: optional commit id. */
    record MainlineReport(
            @NotBlank @ValidVersion String version,
            @NotBlank @Size(max = 500) String build,
            @Size(max = 100) @Pattern(regexp = "[0-9A-Za-z._/-]*", message = "{mainline.commit-invalid}") String commit) {
    }

    record ReportResult(String component, String mainlineVersion, boolean changed) {
    }

    @Operation(summary = "Report a main-branch build's version",
            description = "Scope mainline:report. The same version again changes nothing; an older one is refused "
                    + "with 409 mainline-older.")
    @ApiResponse(responseCode = "409", description = "Older than the recorded mainline (`mainline-older`)")
    @PostMapping("/api/components/{name}/mainline/reports")
    ReportResult report(@PathVariable String name, @Valid @RequestBody MainlineReport report) {
        ReportOutcome outcome = catalog.report(name, report.version().strip(), report.build().strip(),
                Texts.blankToNull(report.commit()), currentActor.get());
        return new ReportResult(outcome.component().getName(), outcome.component().getMainlineVersion(),
                outcome.changed());
    }
}
