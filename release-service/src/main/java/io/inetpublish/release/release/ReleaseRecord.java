package io.inetpublish.release.release;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** 发布记录: a unit of change with its human-readable number such as {@code REL-2026-0042}. */
@Entity
@Table(name = "release_record")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class ReleaseRecord {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String number;

    @Column(nullable = false)
    private String title;

    @Enumerated(EnumType.STRING)
    @Column(name = "update_type", nullable = false)
    private UpdateType updateType;

    @Column(nullable = false)
    private String status;

    @Column(name = "submitted_by_id", nullable = false)
    private String submittedById;

    @Column(name = "submitted_by_name", nullable = false)
    private String submittedByName;

    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;

    @Version
    private long version;
}
