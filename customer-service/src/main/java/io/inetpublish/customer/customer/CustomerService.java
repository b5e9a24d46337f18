package io.inetpublish.customer.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.CustomerArchived;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.people.PeopleDirectory;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.text.Like;
import io.inetpublish.common.text.Texts;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.customer.oplog.OperationLog;
import jakarta.persistence.criteria.Predicate;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, edits and archives customers; each change is written to the operation log with its operator. The owner a
 * change names is checked with auth-service before the transaction opens (a 400 naming {@code ownerId} for an id
 * nobody has, a 503 when auth-service cannot answer; nothing is stored either way).
 */
@Service
@RequiredArgsConstructor
public class CustomerService {

    private final CustomerRepository customers;
    private final OperationLog log;
    private final CurrentActor currentActor;
    private final Outbox outbox;
    private final PeopleDirectory people;
    private final TransactionTemplate tx;

    /**
     * The editable fields of a customer, already validated for shape. {@code ownerId}: a platform person's id
     * (Feishu open_id), or none.
     */
    public record Details(String name, String code, String contact, String ownerId, Set<String> tags,
            String notes) {

        public Details {
            name = name.strip();
            code = Texts.blankToNull(code);
            contact = Texts.blankToNull(contact);
            ownerId = Texts.blankToNull(ownerId);
            notes = Texts.blankToNull(notes);
            TreeSet<String> cleaned = new TreeSet<>();
            if (tags != null) {
                tags.forEach(tag -> cleaned.add(tag.strip()));
            }
            tags = cleaned;
        }
    }

    /** Which customers are listed: archived ones, active ones or all. */
    public enum Status {
        ACTIVE, ARCHIVED, ALL
    }

    /**
     * What the customer list filters on: {@code q} searches name and code, {@code owner} (a person's id, or free text
     * that matched nobody yet) and {@code tag} match exactly; a null or blank one filters nothing.
     */
    public record Filter(String q, String owner, String tag, Status status) {
    }

    @Transactional(readOnly = true)
    public Page<Customer> search(Filter filter, Pageable pageable) {
        return customers.findAll(matching(filter), pageable);
    }

    /** Customers whose owner (free text written before owners were people) matched nobody yet. */
    @Transactional(readOnly = true)
    public List<Customer> unresolvedOwners() {
        return customers.findUnresolvedOwners();
    }

    public Customer create(Details details) {
        Customer.Owner owner = owner(details.ownerId());
        return tx.execute(status -> insert(details, owner));
    }

    private Customer insert(Details details, Customer.Owner owner) {
        if (customers.existsByNameIgnoreCase(details.name())) {
            throw FieldException.conflict("name", "customer.name-in-use", details.name());
        }
        if (details.code() != null && customers.existsByCodeIgnoreCase(details.code())) {
            throw FieldException.conflict("code", "customer.code-in-use", details.code());
        }
        Customer customer = customers.saveAndFlush(new Customer(details.name(), details.code(), details.contact(),
                owner, details.tags(), details.notes()));
        log.append(currentActor.get(), changes(audit(customer, Action.CUSTOMER_CREATED), Facts.NONE, Facts.of(customer))
                .build());
        return customer;
    }

    public Customer update(UUID id, long expectedVersion, Details details) {
        Customer.Owner owner = owner(details.ownerId());
        return tx.execute(status -> change(id, expectedVersion, details, owner));
    }

    private Customer change(UUID id, long expectedVersion, Details details, Customer.Owner owner) {
        Customer customer = get(id);
        if (customer.getVersion() != expectedVersion) {
            throw new ObjectOptimisticLockingFailureException(Customer.class, id);
        }
        if (customers.existsByNameIgnoreCaseAndIdNot(details.name(), id)) {
            throw FieldException.conflict("name", "customer.name-in-use", details.name());
        }
        if (details.code() != null && customers.existsByCodeIgnoreCaseAndIdNot(details.code(), id)) {
            throw FieldException.conflict("code", "customer.code-in-use", details.code());
        }
        Facts before = Facts.of(customer);
        customer.update(details.name(), details.code(), details.contact(), owner, details.tags(),
                details.notes());
        customers.flush();
        log.append(currentActor.get(), changes(audit(customer, Action.CUSTOMER_UPDATED), before, Facts.of(customer))
                .build());
        return customer;
    }

    @Transactional
    public Customer archive(UUID id) {
        Customer customer = get(id);
        if (!customer.isArchived()) {
            customer.archive();
            customers.flush();
            log.append(currentActor.get(), audit(customer, Action.CUSTOMER_ARCHIVED).change("archived", false, true)
                    .build());
            // rollouts (release-service) skip what is still planned at its environments
            outbox.publish(EventTypes.CUSTOMER_ARCHIVED, currentActor.get(),
                    new CustomerArchived(CustomerArchived.SCHEMA_VERSION, customer.getId(), customer.getName()));
        }
        return customer;
    }

    @Transactional(readOnly = true)
    public Customer get(UUID id) {
        return customers.findById(id).orElseThrow(() -> new NotFoundException("customer", id));
    }

    /** The person a change names as owner, checked with auth-service (400 naming ownerId when nobody has the id). */
    private Customer.Owner owner(String ownerId) {
        if (ownerId == null) {
            return null;
        }
        PeopleDirectory.Person person = people.require("ownerId", ownerId);
        return Customer.Owner.person(person.id(), person.name());
    }

    private static Specification<Customer> matching(Filter filter) {
        String q = Texts.blankToNull(filter.q());
        String owner = Texts.blankToNull(filter.owner());
        String tag = Texts.blankToNull(filter.tag());
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (q != null) {
                String pattern = Like.containing(q);
                where.add(cb.or(cb.like(cb.lower(root.get("name")), pattern, Like.ESCAPE),
                        cb.like(cb.lower(root.get("code")), pattern, Like.ESCAPE)));
            }
            if (owner != null) {
                where.add(cb.or(cb.equal(root.get("ownerId"), owner), cb.equal(root.get("owner"), owner)));
            }
            if (tag != null) {
                where.add(cb.equal(root.join("tags"), tag));
            }
            if (filter.status() != Status.ALL) {
                where.add(cb.equal(root.get("archived"), filter.status() == Status.ARCHIVED));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    private static AuditEvent.Builder audit(Customer customer, Action action) {
        return AuditEvent.builder(AuditEvent.Kind.CUSTOMER, action).target(customer.getId(), customer.getName())
                .customer(customer.getId(), customer.getName());
    }

    /** What the audit trail compares of a customer before and after a change. */
    private record Facts(String name, String code, String contact, String owner, String tags, String notes) {

        static final Facts NONE = new Facts(null, null, null, null, null, null);

        static Facts of(Customer c) {
            return new Facts(c.getName(), c.getCode(), c.getContact(), c.getOwner(),
                    c.getTags().isEmpty() ? null : String.join(", ", new TreeSet<>(c.getTags())), c.getNotes());
        }
    }

    private static AuditEvent.Builder changes(AuditEvent.Builder audit, Facts before, Facts after) {
        return audit.change("name", before.name(), after.name()).change("code", before.code(), after.code())
                .change("contact", before.contact(), after.contact()).change("owner", before.owner(), after.owner())
                .change("tags", before.tags(), after.tags()).change("notes", before.notes(), after.notes());
    }
}
