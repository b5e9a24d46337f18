package io.inetpublish.customer.environment.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.common.web.Paging;
import io.inetpublish.customer.environment.Environment;
import io.inetpublish.customer.environment.EnvironmentService;
import io.inetpublish.customer.environment.EnvironmentService.Details;
import io.inetpublish.customer.environment.EnvironmentType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Environments",
        description = "A customer's (or the vendor's internal test) environments: test, production and others.")
@RestController
@RequiredArgsConstructor
class EnvironmentController {

    private final EnvironmentService service;

    record EnvironmentRequest(@NotBlank @Size(max = 200) String name, @NotNull EnvironmentType type,
            Boolean internalTest, @Size(max = 200) String jenkinsTarget, @Size(max = 4000) String notes) {
    }

    /** An edit carries the {@code version} the editor saw; a stale one is refused with 409 concurrent-edit. */
    record EnvironmentUpdate(@NotBlank @Size(max = 200) String name, @NotNull EnvironmentType type,
            Boolean internalTest, @Size(max = 200) String jenkinsTarget, @Size(max = 4000) String notes,
            @NotNull Long version) {
    }

    /** {@code customerOwner}: the customer's owner {@code {id, name}} (no id while unmatched free text). */
    record EnvironmentView(UUID id, UUID customerId, String customerName, PersonRef customerOwner, String name,
            EnvironmentType type, boolean internalTest, String jenkinsTarget, String notes, long version,
            List<String> customerTags, boolean customerArchived) {

        static EnvironmentView of(Environment e) {
            return new EnvironmentView(e.getId(), e.getCustomer().getId(), e.getCustomer().getName(),
                    PersonRef.of(e.getCustomer().getOwnerId(), e.getCustomer().getOwner()), e.getName(), e.getType(),
                    e.isInternalTest(), e.getJenkinsTarget(), e.getNotes(), e.getVersion(),
                    e.getCustomer().getTags().stream().sorted().toList(), e.getCustomer().isArchived());
        }
    }

    @Operation(summary = "Create an environment of a customer", description = "Support, admin.")
    @PostMapping("/api/customers/{customerId}/environments")
    ResponseEntity<EnvironmentView> create(@PathVariable UUID customerId,
            @Valid @RequestBody EnvironmentRequest request) {
        Environment environment = service.create(customerId, new Details(request.name(), request.type(),
                Boolean.TRUE.equals(request.internalTest()), request.jenkinsTarget(), request.notes()));
        return ResponseEntity.created(URI.create("/api/environments/" + environment.getId()))
                .body(EnvironmentView.of(environment));
    }

    @Operation(summary = "Change an environment", description = "Support, admin.")
    @PutMapping("/api/environments/{id}")
    EnvironmentView update(@PathVariable UUID id, @Valid @RequestBody EnvironmentUpdate request) {
        return EnvironmentView.of(service.update(id, request.version(), new Details(request.name(), request.type(),
                Boolean.TRUE.equals(request.internalTest()), request.jenkinsTarget(), request.notes())));
    }

    @Operation(summary = "Show an environment")
    @GetMapping("/api/environments/{id}")
    EnvironmentView get(@PathVariable UUID id) {
        return EnvironmentView.of(service.get(id));
    }

    /**
     * Environments of all customers, filtered by {@code customerId}, {@code internalTest} (the test-environment
     * picker), {@code type} (one or more), a name search {@code q}, the customer's {@code tag} (any of those given),
     * {@code customerArchived} and the environments' {@code id}s (at most 200); ordered by customer and environment
     * name. A rollout (release-service) chooses its targets with these.
     */
    @Operation(summary = "List environments",
            description = "Filters: customerId, internalTest, type (any of), tag (any of), id (at most 50), name "
                    + "search.")
    @GetMapping("/api/environments")
    PageResponse<EnvironmentView> list(@RequestParam(required = false) UUID customerId,
            @RequestParam(required = false) Boolean internalTest,
            @RequestParam(required = false) List<EnvironmentType> type, @RequestParam(required = false) String q,
            @RequestParam(required = false) List<String> tag, @RequestParam(required = false) Boolean customerArchived,
            @RequestParam(required = false) List<UUID> id,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (id != null && id.size() > 200) {
            throw new FieldException("id", "environment.too-many-ids", 200);
        }
        var filter = new EnvironmentService.Filter(customerId, internalTest, type, q, tag, customerArchived, id);
        var request = Paging.request(page, size, 200, Sort.by("customer.name", "name", "id"));
        return PageResponse.of(service.search(filter, request), EnvironmentView::of);
    }
}
