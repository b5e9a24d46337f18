package io.inetpublish.customer.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.text.Like;
import io.inetpublish.common.text.Texts;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.customer.customer.Customer;
import io.inetpublish.customer.customer.CustomerService;
import io.inetpublish.customer.oplog.OperationLog;
import jakarta.persistence.criteria.Predicate;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Adds and edits a customer's environments; names are unique within a customer, edits are optimistic. */
@Service
@RequiredArgsConstructor
public class EnvironmentService {

    private final EnvironmentRepository environments;
    private final CustomerService customers;
    private final OperationLog log;
    private final CurrentActor currentActor;

    /** The editable fields of an environment. */
    public record Details(String name, EnvironmentType type, boolean internalTest, String jenkinsTarget,
            String notes) {

        public Details {
            name = name.strip();
            jenkinsTarget = Texts.blankToNull(jenkinsTarget);
            notes = Texts.blankToNull(notes);
            if (internalTest && jenkinsTarget == null) {
                throw new FieldException("jenkinsTarget", "environment.jenkins-target-required");
            }
        }
    }

    /**
     * What the environment list filters on, each null or empty when not asked for: the customer, internal test
     * environments or not, the types (any of), a name search, the customer's tags (any of), archived customers or
     * not, and the environments' ids.
     */
    public record Filter(UUID customerId, Boolean internalTest, List<EnvironmentType> types, String q,
            List<String> tags, Boolean customerArchived, List<UUID> ids) {
    }

    /** The environments matching {@code filter}, each with its customer (and the customer's tags) loaded. */
    @Transactional(readOnly = true)
    public Page<Environment> search(Filter filter, Pageable pageable) {
        return environments.findAll(matching(filter), pageable);
    }

    @Transactional
    public Environment create(UUID customerId, Details details) {
        Customer customer = customers.get(customerId);
        if (environments.existsByCustomerIdAndNameIgnoreCase(customerId, details.name())) {
            throw FieldException.conflict("name", "environment.name-in-use", customer.getName(), details.name());
        }
        Environment environment = environments.saveAndFlush(new Environment(customer, details.name(),
                details.type(), details.internalTest(), details.jenkinsTarget(), details.notes()));
        log.append(currentActor.get(), changes(audit(environment, Action.ENVIRONMENT_CREATED), Facts.NONE,
                Facts.of(environment)).build());
        return environment;
    }

    @Transactional
    public Environment update(UUID id, long expectedVersion, Details details) {
        Environment environment = get(id);
        if (environment.getVersion() != expectedVersion) {
            throw new ObjectOptimisticLockingFailureException(Environment.class, id);
        }
        Customer customer = environment.getCustomer();
        if (environments.existsByCustomerIdAndNameIgnoreCaseAndIdNot(customer.getId(), details.name(), id)) {
            throw FieldException.conflict("name", "environment.name-in-use", customer.getName(), details.name());
        }
        Facts before = Facts.of(environment);
        environment.update(details.name(), details.type(), details.internalTest(), details.jenkinsTarget(),
                details.notes());
        environments.flush();
        log.append(currentActor.get(), changes(audit(environment, Action.ENVIRONMENT_UPDATED), before,
                Facts.of(environment)).build());
        return environment;
    }

    @Transactional(readOnly = true)
    public Environment get(UUID id) {
        return environments.findWithCustomerById(id).orElseThrow(() -> new NotFoundException("environment", id));
    }

    private static Specification<Environment> matching(Filter filter) {
        String q = Texts.blankToNull(filter.q());
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (filter.tags() != null && !filter.tags().isEmpty()) {
                var tagged = query.subquery(UUID.class);
                var customer = tagged.from(Customer.class);
                tagged.select(customer.get("id")).where(customer.join("tags").in(filter.tags().stream()
                        .map(String::strip).toList()));
                where.add(root.get("customer").get("id").in(tagged));
            }
            if (filter.customerArchived() != null) {
                where.add(cb.equal(root.get("customer").get("archived"), filter.customerArchived()));
            }
            if (filter.ids() != null && !filter.ids().isEmpty()) {
                where.add(root.get("id").in(filter.ids()));
            }
            if (filter.customerId() != null) {
                where.add(cb.equal(root.get("customer").get("id"), filter.customerId()));
            }
            if (filter.internalTest() != null) {
                where.add(cb.equal(root.get("internalTest"), filter.internalTest()));
            }
            if (filter.types() != null && !filter.types().isEmpty()) {
                where.add(root.get("type").in(filter.types()));
            }
            if (q != null) {
                where.add(cb.like(cb.lower(root.get("name")), Like.containing(q), Like.ESCAPE));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    private static AuditEvent.Builder audit(Environment environment, Action action) {
        Customer customer = environment.getCustomer();
        return AuditEvent.builder(AuditEvent.Kind.ENVIRONMENT, action)
                .target(environment.getId(), environment.getName())
                .customer(customer.getId(), customer.getName())
                .environment(environment.getId(), environment.getName());
    }

    /** What the audit trail compares of an environment before and after a change. */
    private record Facts(String name, Object type, Boolean internalTest, String jenkinsTarget, String notes) {

        static final Facts NONE = new Facts(null, null, null, null, null);

        static Facts of(Environment e) {
            return new Facts(e.getName(), e.getType(), e.isInternalTest(), e.getJenkinsTarget(), e.getNotes());
        }
    }

    private static AuditEvent.Builder changes(AuditEvent.Builder audit, Facts before, Facts after) {
        return audit.change("name", before.name(), after.name()).change("type", before.type(), after.type())
                .change("internalTest", before.internalTest(), after.internalTest())
                .change("jenkinsTarget", before.jenkinsTarget(), after.jenkinsTarget())
                .change("notes", before.notes(), after.notes());
    }
}
