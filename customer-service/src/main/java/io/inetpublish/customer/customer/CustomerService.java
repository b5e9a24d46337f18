package io.inetpublish.customer.customer;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.customer.oplog.OperationLog;
import io.inetpublish.customer.oplog.OperationLog.Entry;
import lombok.RequiredArgsConstructor;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, edits and archives customers; each change is written to the operation log with its operator. */
@Service
@RequiredArgsConstructor
public class CustomerService {

    private final CustomerRepository customers;
    private final OperationLog log;
    private final CurrentActor currentActor;

    /** The editable fields of a customer, already validated for shape. */
    public record Details(String name, String code, String contact, Customer.Owner owner, Set<String> tags,
            String notes) {

        public Details {
            name = name.strip();
            code = blankToNull(code);
            contact = blankToNull(contact);
            notes = blankToNull(notes);
            TreeSet<String> cleaned = new TreeSet<>();
            if (tags != null) {
                tags.forEach(tag -> cleaned.add(tag.strip()));
            }
            tags = cleaned;
        }
    }

    @Transactional
    public Customer create(Details details) {
        if (customers.existsByNameIgnoreCase(details.name())) {
            throw new ConflictException("A customer named '" + details.name() + "' already exists");
        }
        if (details.code() != null && customers.existsByCodeIgnoreCase(details.code())) {
            throw new ConflictException("A customer with code '" + details.code() + "' already exists");
        }
        Customer customer = customers.saveAndFlush(new Customer(details.name(), details.code(), details.contact(),
                details.owner(), details.tags(), details.notes()));
        log.append(currentActor.get(), Entry.about("CUSTOMER_CREATED", customer.getId(), customer.getName(),
                describe(details)));
        return customer;
    }

    @Transactional
    public Customer update(UUID id, long expectedVersion, Details details) {
        Customer customer = get(id);
        if (customer.getVersion() != expectedVersion) {
            throw new ObjectOptimisticLockingFailureException(Customer.class, id);
        }
        if (customers.existsByNameIgnoreCaseAndIdNot(details.name(), id)) {
            throw new ConflictException("A customer named '" + details.name() + "' already exists");
        }
        if (details.code() != null && customers.existsByCodeIgnoreCaseAndIdNot(details.code(), id)) {
            throw new ConflictException("A customer with code '" + details.code() + "' already exists");
        }
        customer.update(details.name(), details.code(), details.contact(), details.owner(), details.tags(),
                details.notes());
        customers.flush();
        log.append(currentActor.get(), Entry.about("CUSTOMER_UPDATED", id, customer.getName(), describe(details)));
        return customer;
    }

    @Transactional
    public Customer archive(UUID id) {
        Customer customer = get(id);
        if (!customer.isArchived()) {
            customer.archive();
            customers.flush();
            log.append(currentActor.get(), Entry.about("CUSTOMER_ARCHIVED", id, customer.getName(), null));
        }
        return customer;
    }

    @Transactional(readOnly = true)
    public Customer get(UUID id) {
        return customers.findById(id).orElseThrow(() -> new NotFoundException("Customer", id));
    }

    private static String describe(Details d) {
        String owner = d.owner() == null ? "" : d.owner().id() != null ? d.owner().name() + " (" + d.owner().id() + ")"
                : d.owner().legacyText();
        return "code=" + nullToEmpty(d.code()) + "; owner=" + owner + "; tags=" + d.tags();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
