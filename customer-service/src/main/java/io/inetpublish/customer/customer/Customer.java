package io.inetpublish.customer.customer;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.inetpublish.common.text.Texts;
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

    /** The owner's name as shown everywhere (or, until matched, the free text written before). */
    private String owner;

    /** The owner's platform id (Feishu open_id); null while unmatched. */
    @Column(name = "owner_id")
    private String ownerId;

    @Column(name = "owner_status")
    private String ownerStatus;

    /** Free text written before owners were people; kept until matched. */
    @Column(name = "owner_text")
    private String ownerText;

    @Column(name = "owner_reason")
    private String ownerReason;

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

    public Customer(String name, String code, String contact, Owner owner, Set<String> tags, String notes) {
        this.id = UUID.randomUUID();
        this.createdAt = Instant.now();
        update(name, code, contact, owner, tags, notes);
    }

    /**
     * A customer's owner as a request gives it: a person (id and name), or free text to be matched later
     * ({@link #legacy}). No owner given clears a matched owner but keeps unmatched text visible for an admin.
     */
    public record Owner(String id, String name, String legacyText) {

        public static Owner person(String id, String name) {
            return new Owner(id, name, null);
        }

        public static Owner legacy(String text) {
            String given = Texts.blankToNull(text);
            return given == null ? null : new Owner(null, null, given);
        }
    }

    public void update(String name, String code, String contact, Owner owner, Set<String> tags, String notes) {
        this.name = name;
        this.code = code;
        this.contact = contact;
        if (owner != null && owner.id() != null) {
            ownerMatched(owner.id(), owner.name());
        } else if (owner != null) {
            this.owner = owner.legacyText();
            this.ownerId = null;
            this.ownerStatus = "PENDING";
            this.ownerText = owner.legacyText();
            this.ownerReason = null;
        } else if (ownerId != null || ownerStatus == null) {
            this.owner = null;
            this.ownerId = null;
            this.ownerStatus = null;
            this.ownerText = null;
            this.ownerReason = null;
        }
        this.tags.clear();
        this.tags.addAll(tags);
        this.notes = notes;
        this.updatedAt = Instant.now();
    }

    private void ownerMatched(String id, String name) {
        this.owner = name;
        this.ownerId = id;
        this.ownerStatus = "RESOLVED";
        this.ownerText = null;
        this.ownerReason = null;
    }

    public void archive() {
        this.archived = true;
        this.updatedAt = Instant.now();
    }

    public Set<String> getTags() {
        return Set.copyOf(tags);
    }
}
