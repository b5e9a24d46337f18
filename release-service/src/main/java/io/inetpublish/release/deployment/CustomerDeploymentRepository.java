package io.inetpublish.release.deployment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface CustomerDeploymentRepository extends JpaRepository<CustomerDeployment, UUID> {

    List<CustomerDeployment> findByReleaseIdOrderByRecordedAtAsc(UUID releaseId);

    List<CustomerDeployment> findByPlanDeploymentIdOrderByPlanPositionAsc(UUID planDeploymentId);

    @Query("select d.releaseId from CustomerDeployment d where d.id = :deploymentId")
    Optional<UUID> findReleaseId(UUID deploymentId);

    @Query("select e from DeploymentEnvironment e join fetch e.deployment d"
            + " where d.id = :deploymentId and e.environmentId = :environmentId")
    Optional<DeploymentEnvironment> findEnvironment(UUID deploymentId, UUID environmentId);
}
