package io.inetpublish.customer.customer.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.common.web.Paging;
import io.inetpublish.customer.customer.Customer;
import io.inetpublish.customer.customer.CustomerService;
import io.inetpublish.customer.customer.CustomerService.Details;
import io.inetpublish.customer.customer.OwnerMigration;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Customers", description = "The vendor's customers with owner and tags; archive instead of delete.")
@RestController
@RequestMapping("/api/customers")
@RequiredArgsConstructor
class CustomerController {

    private static final Map<String, String> SORTABLE = Map.of("name", "name", "code", "code", "owner", "owner",
            "createdAt", "createdAt", "updatedAt", "updatedAt");

    private final CustomerService service;
    private final OwnerMigration migration;

    /** {@code ownerId}: a platform person's id (Feishu open_id), checked with auth-service; shown by name. */
    record CustomerRequest(@NotBlank @Size(max = 200) String name, @Size(max = 64) String code,
            @Size(max = 500) String contact, @Size(max = 64) String ownerId,
            @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags, @Size(max = 4000) String notes) {

        Details details() {
            return new Details(name, code, contact, ownerId, tags == null ? Set.of() : new TreeSet<>(tags), notes);
        }
    }

    /** An edit carries the {@code version} the editor saw; a stale one is refused with 409 concurrent-edit. */
    record CustomerUpdate(@NotBlank @Size(max = 200) String name, @Size(max = 64) String code,
            @Size(max = 500) String contact, @Size(max = 64) String ownerId,
            @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags, @Size(max = 4000) String notes,
            @NotNull Long version) {

        Details details() {
            return new CustomerRequest(name, code, contact, ownerId, tags, notes).details();
        }
    }

    /**
     * {@code owner} is the person {@code {id, name}} (while {@code ownerStatus} is PENDING/UNRESOLVED: no id and, as the
     * name, the free text written before, with {@code ownerReason} saying why it matched nobody).
     */
    record CustomerView(UUID id, String name, String code, String contact, PersonRef owner,
            String ownerStatus, String ownerReason, List<String> tags, String notes, boolean archived,
            Instant createdAt, Instant updatedAt, long version) {

        static CustomerView of(Customer c) {
            return new CustomerView(c.getId(), c.getName(), c.getCode(), c.getContact(),
                    PersonRef.of(c.getOwnerId(), c.getOwner()), c.getOwnerStatus(), c.getOwnerReason(), c.getTags().stream().sorted().toList(),
                    c.getNotes(), c.isArchived(), c.getCreatedAt(), c.getUpdatedAt(), c.getVersion());
        }
    }

    @Operation(summary = "Create a customer", description = "Support, admin.")
    @PostMapping
    ResponseEntity<CustomerView> create(@Valid @RequestBody CustomerRequest request) {
        Customer customer = service.create(request.details());
        return ResponseEntity.created(URI.create("/api/customers/" + customer.getId())).body(CustomerView.of(customer));
    }

    @Operation(summary = "Change a customer", description = "Support, admin.")
    @PutMapping("/{id}")
    CustomerView update(@PathVariable UUID id, @Valid @RequestBody CustomerUpdate request) {
        return CustomerView.of(service.update(id, request.version(), request.details()));
    }

    /** Customers whose owner (free text written before owners were people) matched nobody yet: for an ADMIN. */
    @Operation(summary = "Customers whose owner matched nobody yet", description = "Admin.")
    @GetMapping("/unresolved-owners")
    List<CustomerView> unresolvedOwners() {
        return service.unresolvedOwners().stream().map(CustomerView::of).toList();
    }

    /** Tries the unmatched owners again (someone may have logged in or been added since). */
    @Operation(summary = "Match the unmatched owners again", description = "Admin.")
    @PostMapping("/unresolved-owners/retry")
    List<CustomerView> retryUnresolvedOwners() {
        migration.retryUnresolved();
        return unresolvedOwners();
    }

    @Operation(summary = "Archive a customer", description = "Support, admin.")
    @PostMapping("/{id}/archive")
    CustomerView archive(@PathVariable UUID id) {
        return CustomerView.of(service.archive(id));
    }

    @Operation(summary = "Show a customer")
    @GetMapping("/{id}")
    CustomerView get(@PathVariable UUID id) {
        return CustomerView.of(service.get(id));
    }

    /**
     * Lists customers: {@code q} searches name and code, {@code owner} and {@code tag} filter exactly, {@code status}
     * is ACTIVE (default), ARCHIVED or ALL; {@code sort} one of name, code, owner, createdAt, updatedAt.
     */
    @Operation(summary = "List customers",
            description = "q searches name and code; owner and tag filter exactly; status ACTIVE (default), "
                    + "ARCHIVED or ALL.")
    @GetMapping
    PageResponse<CustomerView> list(@RequestParam(required = false) String q,
            @RequestParam(required = false) String owner, @RequestParam(required = false) String tag,
            @RequestParam(defaultValue = "ACTIVE") CustomerService.Status status, @RequestParam(defaultValue = "name") String sort,
            @RequestParam(defaultValue = "asc") String direction, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        String property = SORTABLE.get(sort);
        if (property == null) {
            throw new FieldException("sort", "problem.one-of", String.join(", ", new TreeSet<>(SORTABLE.keySet())));
        }
        Sort.Direction dir = Sort.Direction.fromOptionalString(direction)
                .orElseThrow(() -> new FieldException("direction", "list.direction"));
        var request = Paging.request(page, size, 200, Sort.by(dir, property).and(Sort.by("id")));
        return PageResponse.of(service.search(new CustomerService.Filter(q, owner, tag, status), request),
                CustomerView::of);
    }
}
