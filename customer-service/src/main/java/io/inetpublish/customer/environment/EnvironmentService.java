package io.inetpublish.customer.environment;

import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.customer.customer.Customer;
import io.inetpublish.customer.customer.CustomerService;
import io.inetpublish.customer.oplog.OperationLog;
import lombok.RequiredArgsConstructor;
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
            jenkinsTarget = jenkinsTarget == null || jenkinsTarget.isBlank() ? null : jenkinsTarget.strip();
            notes = notes == null || notes.isBlank() ? null : notes.strip();
            if (internalTest && jenkinsTarget == null) {
                throw new FieldException("jenkinsTarget", "environment.jenkins-target-required");
            }
        }
    }

    @Transactional
    public Environment create(UUID customerId, Details details) {
        Customer customer = customers.get(customerId);
        if (environments.existsByCustomerIdAndNameIgnoreCase(customerId, details.name())) {
            throw new ConflictException("environment.name-in-use", customer.getName(), details.name());
        }
        Environment environment = environments.saveAndFlush(new Environment(customer, details.name(),
                details.type(), details.internalTest(), details.jenkinsTarget(), details.notes()));
        log.append(currentActor.get(), changes(audit(environment, "ENVIRONMENT_CREATED"), Facts.NONE,
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
            throw new ConflictException("environment.name-in-use", customer.getName(), details.name());
        }
        Facts before = Facts.of(environment);
        environment.update(details.name(), details.type(), details.internalTest(), details.jenkinsTarget(),
                details.notes());
        environments.flush();
        log.append(currentActor.get(), changes(audit(environment, "ENVIRONMENT_UPDATED"), before,
                Facts.of(environment)).build());
        return environment;
    }

    @Transactional(readOnly = true)
    public Environment get(UUID id) {
        return environments.findWithCustomerById(id).orElseThrow(() -> new NotFoundException("environment", id));
    }

    private static AuditEvent.Builder audit(Environment environment, String action) {
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
