package io.inetpublish.customer.component;

import java.time.Instant;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.version.VersionOrder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/**
 * A deployable unit of the product (组件): its kind, description and owning team or person, its mainline version
 * (主线版本) and who set it when. A retired component stays in the catalog for history but is no longer offered.
 */
@Entity
@Table(name = "component")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Component {

    /** Letters, digits, {@code . _ -}; starts with a letter or digit. */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";

    @Id
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ComponentKind kind = ComponentKind.SERVICE;

    private String description;

    private String owner;

    @Column(name = "mainline_version")
    private String mainlineVersion;

    @Column(name = "mainline_sort_key")
    private String mainlineSortKey;

    @Column(name = "mainline_set_at")
    private Instant mainlineSetAt;

    @Column(name = "mainline_set_by_id")
    private String mainlineSetById;

    @Column(name = "mainline_set_by")
    private String mainlineSetBy;

    @Column(name = "retired_at")
    private Instant retiredAt;

    @Column(name = "retired_by_id")
    private String retiredById;

    @Column(name = "retired_by")
    private String retiredBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    public Component(String name, String description) {
        this(name, ComponentKind.SERVICE, description, null);
    }

    public Component(String name, ComponentKind kind, String description, String owner) {
        this.name = name;
        this.kind = kind == null ? ComponentKind.SERVICE : kind;
        this.description = description;
        this.owner = owner;
        this.createdAt = Instant.now();
    }

    public void describe(String description) {
        this.description = description;
    }

    public void edit(ComponentKind kind, String description, String owner) {
        if (kind != null) {
            this.kind = kind;
        }
        this.description = description;
        this.owner = owner;
    }

    public boolean isRetired() {
        return retiredAt != null;
    }

    public void retire(Actor by) {
        if (retiredAt == null) {
            this.retiredAt = Instant.now();
            this.retiredById = by.userId();
            this.retiredBy = by.name();
        }
    }

    public void reinstate() {
        this.retiredAt = null;
        this.retiredById = null;
        this.retiredBy = null;
    }

    /** Who set the mainline (the id is null for a mainline set before ids were recorded). */
    public PersonRef mainlineSetByPerson() {
        return PersonRef.of(mainlineSetById, mainlineSetBy);
    }

    /** Who retired it; null while it is not retired. */
    public PersonRef retiredByPerson() {
        return PersonRef.of(retiredById, retiredBy);
    }

    /** Sets the mainline; callers go through {@link ComponentCatalog}, which keeps the history. */
    void setMainline(String version, Actor by) {
        this.mainlineVersion = version;
        this.mainlineSortKey = VersionOrder.sortKey(version);
        this.mainlineSetAt = Instant.now();
        this.mainlineSetById = by.userId();
        this.mainlineSetBy = by.name();
    }
}
