package io.inetpublish.customer.customer;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

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

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    public Customer(String name, String code, String contact, String owner, String notes) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.code = code;
        this.contact = contact;
        this.owner = owner;
        this.notes = notes;
        this.createdAt = Instant.now();
    }
}
