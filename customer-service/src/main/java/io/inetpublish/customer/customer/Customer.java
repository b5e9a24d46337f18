package io.inetpublish.customer.customer;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.hibernate.annotations.BatchSize;

/** An organisation running the product, looked after by its owner (a support engineer). */
@Entity
@Table(name = "customer")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Customer {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(unique = true)
    private String code;

    private String contact;

    private String owner;

    private String notes;

    /** Groups such as regions or rollout rings. */
    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 100) // a page of customers loads all their tags in one query
    @CollectionTable(name = "customer_tag", joinColumns = @JoinColumn(name = "customer_id"))
    @Column(name = "tag")
    private Set<String> tags = new TreeSet<>();

    private boolean archived;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private Long version;

    public Customer(String name, String code, String contact, String owner, Set<String> tags, String notes) {
        this.id = UUID.randomUUID();
        this.createdAt = Instant.now();
        update(name, code, contact, owner, tags, notes);
    }

    public void update(String name, String code, String contact, String owner, Set<String> tags, String notes) {
        this.name = name;
        this.code = code;
        this.contact = contact;
        this.owner = owner;
        this.tags.clear();
        this.tags.addAll(tags);
        this.notes = notes;
        this.updatedAt = Instant.now();
    }

    public void archive() {
        this.archived = true;
        this.updatedAt = Instant.now();
    }

    public Set<String> getTags() {
        return Set.copyOf(tags);
    }
}
