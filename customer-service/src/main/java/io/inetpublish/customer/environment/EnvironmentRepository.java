package io.inetpublish.customer.environment;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.EntityGraph.EntityGraphType;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * The environments' table. The look-ups that show an environment load its customer with it, and (a LOAD graph keeps
 * the mapping's EAGER) the customer's tags, so that a view can be built after the transaction.
 */
public interface EnvironmentRepository extends JpaRepository<Environment, UUID>,
        JpaSpecificationExecutor<Environment> {

    @EntityGraph(attributePaths = "customer", type = EntityGraphType.LOAD)
    Optional<Environment> findWithCustomerById(UUID id);

    @Override
    @EntityGraph(attributePaths = "customer", type = EntityGraphType.LOAD)
    Page<Environment> findAll(Specification<Environment> spec, Pageable pageable);

    boolean existsByCustomerIdAndNameIgnoreCase(UUID customerId, String name);

    boolean existsByCustomerIdAndNameIgnoreCaseAndIdNot(UUID customerId, String name, UUID id);
}
