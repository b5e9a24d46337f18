package io.inetpublish.customer.component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ComponentRepository extends JpaRepository<Component, String> {

    boolean existsByNameIgnoreCase(String name);

    Page<Component> findByNameContainingIgnoreCase(String q, Pageable pageable);

    /**
     * The catalog filtered by a search text over name, description and owner ({@code pattern} is a LIKE pattern with
     * {@code \} as escape, lower case), a kind (null: any) and whether active and/or retired ones are wanted.
     */
    @Query("""
            select c from Component c
            where (lower(c.name) like :pattern escape '\\' or lower(coalesce(c.description, '')) like :pattern escape '\\'
                   or lower(coalesce(c.owner, '')) like :pattern escape '\\')
              and (:kind is null or c.kind = :kind)
              and ((c.retiredAt is null and :active = true) or (c.retiredAt is not null and :retired = true))""")
    Page<Component> search(@Param("pattern") String pattern, @Param("kind") ComponentKind kind,
            @Param("active") boolean active, @Param("retired") boolean retired, Pageable pageable);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Component c where c.name = :name")
    Optional<Component> lockByName(@Param("name") String name);

    /** How many environments have each of these components installed. */
    @Query(value = """
            select component, count(*) from environment_component where component in (:names) group by component""",
            nativeQuery = true)
    List<Object[]> installations(@Param("names") Collection<String> names);
}
