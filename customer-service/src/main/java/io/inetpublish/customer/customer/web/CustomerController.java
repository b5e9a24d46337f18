package io.inetpublish.customer.customer.web;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.customer.customer.Customer;
import io.inetpublish.customer.customer.CustomerRepository;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/customers")
@RequiredArgsConstructor
class CustomerController {

    private final CustomerRepository customers;

    record CustomerRequest(@NotBlank @Size(max = 200) String name, @Size(max = 64) String code,
            @Size(max = 500) String contact, @Size(max = 200) String owner, @Size(max = 4000) String notes) {
    }

    record CustomerView(UUID id, String name, String code, String contact, String owner, String notes,
            Instant createdAt) {

        static CustomerView of(Customer customer) {
            return new CustomerView(customer.getId(), customer.getName(), customer.getCode(), customer.getContact(),
                    customer.getOwner(), customer.getNotes(), customer.getCreatedAt());
        }
    }

    @PostMapping
    @Transactional
    ResponseEntity<CustomerView> create(@Valid @RequestBody CustomerRequest request) {
        String name = request.name().strip();
        if (customers.existsByNameIgnoreCase(name)) {
            throw new ConflictException("A customer named '" + name + "' already exists");
        }
        Customer customer = customers.save(new Customer(name, request.code(), request.contact(), request.owner(),
                request.notes()));
        return ResponseEntity.created(URI.create("/api/customers/" + customer.getId()))
                .body(CustomerView.of(customer));
    }

    @GetMapping
    @Transactional(readOnly = true)
    PageResponse<CustomerView> list(@RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        var request = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200), Sort.by("name"));
        return PageResponse.of(customers.findByNameContainingIgnoreCaseOrCodeContainingIgnoreCase(q, q, request),
                CustomerView::of);
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    CustomerView get(@PathVariable UUID id) {
        return customers.findById(id).map(CustomerView::of).orElseThrow(() -> new NotFoundException("Customer", id));
    }
}
