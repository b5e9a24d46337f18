package io.inetpublish.customer.component;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ComponentRepository extends JpaRepository<Component, String> {

    boolean existsByNameIgnoreCase(String name);

    Page<Component> findByNameContainingIgnoreCase(String q, Pageable pageable);
}
