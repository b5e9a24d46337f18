package io.inetpublish.customer.envcomponent.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.version.ValidVersion;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.MaxBodySize;
import io.inetpublish.common.web.ProblemDetailsHandler;
import io.inetpublish.customer.component.Component;
import io.inetpublish.customer.envcomponent.EnvironmentComponentService;
import io.inetpublish.customer.envcomponent.EnvironmentComponentService.HistoryEntry;
import io.inetpublish.customer.envcomponent.EnvironmentComponentService.Installed;
import io.inetpublish.customer.envcomponent.EnvironmentVersions.Target;
import io.inetpublish.customer.envcomponent.InvalidItemsException;
import io.inetpublish.customer.oplog.OperationLog.Change;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The components an environment runs: list, add, change, remove, set many, import CSV, history. */
@Tag(name = "Environment components",
        description = "The component versions an environment runs: list, add, change, remove, set many, import CSV, "
                + "history.")
@RestController
@RequestMapping("/api/environments/{id}/components")
@RequiredArgsConstructor
class EnvironmentComponentController {

    // one operation in the API reference for both bodies
    static final String IMPORT = "Import an environment's components from CSV";
    static final String IMPORT_DETAILS = "Support, admin. The CSV as the body (text/csv, text/plain) or as the "
            + "multipart field file.";

    private final EnvironmentComponentService service;
    private final Messages messages;

    record AddRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = Component.NAME_PATTERN,
                    message = "{component.name-invalid}") String component,
            @NotBlank @ValidVersion String version) {
    }

    record VersionRequest(@NotBlank @ValidVersion String version) {
    }

    record SetManyRequest(@NotNull @NotEmpty @Size(max = 1000) List<@NotNull @Valid AddRequest> items) {
    }

    /** What a bulk change did: the components that actually moved. */
    record SetResult(int changed, List<Change> changes) {

        static SetResult of(List<Change> changes) {
            return new SetResult(changes.size(), changes);
        }
    }

    @Operation(summary = "List an environment's components")
    @GetMapping
    List<Installed> list(@PathVariable UUID id) {
        return service.list(id);
    }

    @Operation(summary = "Add a component to an environment", description = "Support, admin.")
    @PostMapping
    ResponseEntity<Installed> add(@PathVariable UUID id, @Valid @RequestBody AddRequest request) {
        Installed installed = service.add(id, request.component(), request.version());
        return ResponseEntity.created(URI.create("/api/environments/" + id + "/components/" + request.component()))
                .body(installed);
    }

    @Operation(summary = "Change a component's version", description = "Support, admin.")
    @PutMapping("/{component}")
    Installed change(@PathVariable UUID id, @PathVariable String component,
            @Valid @RequestBody VersionRequest request) {
        return service.change(id, component, request.version());
    }

    @Operation(summary = "Remove a component from an environment", description = "Support, admin.")
    @DeleteMapping("/{component}")
    ResponseEntity<Void> remove(@PathVariable UUID id, @PathVariable String component) {
        service.remove(id, component);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Set many components at once", description = "Support, admin.")
    @PutMapping
    SetResult setMany(@PathVariable UUID id, @Valid @RequestBody SetManyRequest request) {
        return SetResult.of(service.setMany(id, request.items().stream()
                .map(item -> new Target(item.component(), item.version())).toList()));
    }

    /** CSV as the request body ({@code text/csv} or {@code text/plain}). */
    @Operation(summary = IMPORT, description = IMPORT_DETAILS)
    @PostMapping(path = "/import", consumes = {"text/csv", "text/plain"})
    @MaxBodySize("${inetpublish.import.max-size}")
    SetResult importCsv(@PathVariable UUID id, @RequestBody(required = false) String csv) {
        return SetResult.of(service.importCsv(id, csv));
    }

    /** CSV as an uploaded file in the multipart field {@code file}. */
    @Operation(summary = IMPORT, description = IMPORT_DETAILS)
    @PostMapping(path = "/import", consumes = "multipart/form-data")
    SetResult importCsvFile(@PathVariable UUID id, @RequestParam("file") MultipartFile file) throws IOException {
        if (file.getSize() > 2_000_000) {
            throw new FieldException("file", "csv.too-large", "2 MB");
        }
        return SetResult.of(service.importCsv(id, new String(file.getBytes(), StandardCharsets.UTF_8)));
    }

    @Operation(summary = "A component's version history in an environment")
    @GetMapping("/{component}/history")
    List<HistoryEntry> history(@PathVariable UUID id, @PathVariable String component) {
        return service.history(id, component);
    }

    @ExceptionHandler(InvalidItemsException.class)
    ResponseEntity<ProblemDetail> invalidItems(InvalidItemsException ex) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = ProblemDetailsHandler.problem(messages, locale, HttpStatus.BAD_REQUEST, "validation",
                ex.total() <= InvalidItemsException.MAX_LISTED
                        ? messages.text(locale, "items.invalid", ex.total())
                        : messages.text(locale, "items.invalid-many", ex.total(), InvalidItemsException.MAX_LISTED));
        problem.setProperty("errors", ex.errors().stream().map(e -> new ProblemDetailsHandler.FieldProblem(
                e.field(), messages.text(locale, e.code(), e.args()))).toList());
        problem.setProperty("errorCount", ex.total());
        return ResponseEntity.badRequest().body(problem);
    }
}
