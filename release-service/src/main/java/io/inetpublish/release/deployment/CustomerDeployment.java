package io.inetpublish.release.deployment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.DeploymentKind;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.hibernate.annotations.BatchSize;

/** 客户部署: someone deployed (or rolled back) a release at one or more environments of one customer. */
@Entity
@Table(name = "customer_deployment")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class CustomerDeployment {

    @Id
    private UUID id;

    @Column(name = "release_id", nullable = false)
    private UUID releaseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeploymentKind kind;

    @Column(name = "customer_id", nullable = false)
    private UUID customerId;

    @Column(name = "customer_name", nullable = false)
    private String customerName;

    @Column(name = "deployed_at", nullable = false)
    private Instant deployedAt;

    private String notes;

    @Column(name = "package_build_id")
    private UUID packageBuildId;

    @Column(name = "recorded_by_id", nullable = false)
    private String recordedById;

    @Column(name = "recorded_by_name", nullable = false)
    private String recordedByName;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    /** The upgrade plan deployment this one is part of (null: recorded for this record alone). */
    @Column(name = "plan_deployment_id")
    private UUID planDeploymentId;

    /** This record's place (1-based) among the steps of its plan deployment. */
    @Column(name = "plan_position")
    private Integer planPosition;

    /** The deployment whose evidence files this one shares (one plan, one set of files); null: its own. */
    @Column(name = "evidence_deployment_id")
    private UUID evidenceDeploymentId;

    @OneToMany(mappedBy = "deployment", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    @BatchSize(size = 50)
    private List<DeploymentEnvironment> environments = new ArrayList<>();

    CustomerDeployment(UUID releaseId, DeploymentKind kind, UUID customerId, String customerName,
            Instant deployedAt, String notes, UUID packageBuildId, Actor recordedBy, Instant recordedAt) {
        this.id = UUID.randomUUID();
        this.releaseId = releaseId;
        this.kind = kind;
        this.customerId = customerId;
        this.customerName = customerName;
        this.deployedAt = deployedAt;
        this.notes = notes;
        this.packageBuildId = packageBuildId;
        this.recordedById = recordedBy.userId();
        this.recordedByName = recordedBy.name();
        this.recordedAt = recordedAt;
    }

    void partOfPlan(UUID planDeploymentId, int position, UUID evidenceDeploymentId) {
        this.planDeploymentId = planDeploymentId;
        this.planPosition = position;
        this.evidenceDeploymentId = evidenceDeploymentId;
    }

    /** Where this deployment's evidence files are stored. */
    public UUID evidenceHolder() {
        return evidenceDeploymentId == null ? id : evidenceDeploymentId;
    }

    DeploymentEnvironment addEnvironment(UUID environmentId, String environmentName, List<DeployedVersion> versions) {
        DeploymentEnvironment environment = new DeploymentEnvironment(this, environments.size(), environmentId,
                environmentName, versions);
        environments.add(environment);
        return environment;
    }
}
