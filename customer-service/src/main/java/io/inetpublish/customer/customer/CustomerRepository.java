package io.inetpublish.customer.customer;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CustomerRepository extends JpaRepository<Customer, UUID> {

    boolean existsByNameIgnoreCase(String name);

    Page<Customer> findByNameContainingIgnoreCaseOrCodeContainingIgnoreCase(String name, String code,
            Pageable pageable);
}
