package io.inetpublish.release.deployment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.hibernate.annotations.BatchSize;

/** One environment of a customer deployment, the versions it gets and whether they are synced yet. */
@Entity
@Table(name = "deployment_environment")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class DeploymentEnvironment {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "deployment_id")
    private CustomerDeployment deployment;

    @Column(nullable = false)
    private int position;

    @Column(name = "environment_id", nullable = false)
    private UUID environmentId;

    @Column(name = "environment_name", nullable = false)
    private String environmentName;

    @Enumerated(EnumType.STRING)
    @Column(name = "sync_status", nullable = false)
    private SyncStatus syncStatus;

    @Column(name = "synced_at")
    private Instant syncedAt;

    @ElementCollection
    @CollectionTable(name = "deployment_version", joinColumns = @JoinColumn(name = "deployment_environment_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 50)
    private List<DeployedVersion> versions = new ArrayList<>();

    DeploymentEnvironment(CustomerDeployment deployment, int position, UUID environmentId, String environmentName,
            List<DeployedVersion> versions) {
        this.id = UUID.randomUUID();
        this.deployment = deployment;
        this.position = position;
        this.environmentId = environmentId;
        this.environmentName = environmentName;
        this.syncStatus = SyncStatus.PENDING;
        this.versions.addAll(versions);
    }

    /** @return false when it was synced already */
    boolean synced(Instant at) {
        if (syncStatus == SyncStatus.SYNCED) {
            return false;
        }
        syncStatus = SyncStatus.SYNCED;
        syncedAt = at;
        return true;
    }
}
