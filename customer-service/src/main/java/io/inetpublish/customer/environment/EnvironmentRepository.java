package io.inetpublish.customer.environment;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface EnvironmentRepository extends JpaRepository<Environment, UUID>,
        JpaSpecificationExecutor<Environment> {

    @EntityGraph(attributePaths = "customer")
    Optional<Environment> findWithCustomerById(UUID id);

    @Override
    @EntityGraph(attributePaths = "customer")
    Page<Environment> findAll(Specification<Environment> spec, Pageable pageable);

    boolean existsByCustomerIdAndNameIgnoreCase(UUID customerId, String name);

    boolean existsByCustomerIdAndNameIgnoreCaseAndIdNot(UUID customerId, String name, UUID id);
}
