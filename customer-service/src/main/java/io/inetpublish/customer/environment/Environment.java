package io.inetpublish.customer.environment;

import java.time.Instant;
import java.util.UUID;

import io.inetpublish.customer.customer.Customer;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/**
 * One installation at a customer. An internal test environment is one of the vendor's own test systems, the target
 * of test deployments, deployed by Jenkins under {@link #jenkinsTarget}. Never holds credentials.
 */
@Entity
@Table(name = "environment")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Environment {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id")
    private Customer customer;

    private String name;

    @Enumerated(EnumType.STRING)
    private EnvironmentType type;

    @Column(name = "internal_test")
    private boolean internalTest;

    @Column(name = "jenkins_target")
    private String jenkinsTarget;

    private String notes;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private Long version;

    public Environment(Customer customer, String name, EnvironmentType type, boolean internalTest,
            String jenkinsTarget, String notes) {
        this.id = UUID.randomUUID();
        this.customer = customer;
        this.createdAt = Instant.now();
        update(name, type, internalTest, jenkinsTarget, notes);
    }

    public void update(String name, EnvironmentType type, boolean internalTest, String jenkinsTarget, String notes) {
        this.name = name;
        this.type = type;
        this.internalTest = internalTest;
        this.jenkinsTarget = jenkinsTarget;
        this.notes = notes;
        this.updatedAt = Instant.now();
    }
}
