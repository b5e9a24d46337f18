package io.inetpublish.release.schedule;

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

/** 更新安排: a planned update at a customer. */
@Entity
@Table(name = "update_schedule")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class UpdateSchedule {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String title;

    @Column(name = "planned_at", nullable = false)
    private Instant plannedAt;

    @Column(nullable = false)
    private String status;

    @Column(name = "owner_name")
    private String ownerName;

    @Version
    private long version;
}
