package io.inetpublish.customer.component;

import java.time.Instant;

import io.inetpublish.common.version.VersionOrder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** A deployable unit of the product, with its mainline version (主线版本) and who set it when. */
@Entity
@Table(name = "component")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Component {

    /** Letters, digits, {@code . _ -}; starts with a letter or digit. */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";

    @Id
    private String name;

    private String description;

    @Column(name = "mainline_version")
    private String mainlineVersion;

    @Column(name = "mainline_sort_key")
    private String mainlineSortKey;

    @Column(name = "mainline_set_at")
    private Instant mainlineSetAt;

    @Column(name = "mainline_set_by")
    private String mainlineSetBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    public Component(String name, String description) {
        this.name = name;
        this.description = description;
        this.createdAt = Instant.now();
    }

    public void describe(String description) {
        this.description = description;
    }

    public void setMainline(String version, String by) {
        this.mainlineVersion = version;
        this.mainlineSortKey = VersionOrder.sortKey(version);
        this.mainlineSetAt = Instant.now();
        this.mainlineSetBy = by;
    }
}
