package io.inetpublish.release.deployment.web;

import java.util.List;
import java.util.UUID;

import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.release.deployment.CustomerDeployment;
import io.inetpublish.release.deployment.CustomerDeploymentRepository;
import io.inetpublish.release.deployment.EvidenceFile;
import io.inetpublish.release.deployment.EvidenceStore;
import io.inetpublish.release.release.ReleaseRecord;
import io.inetpublish.release.release.ReleaseRecordRepository;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads customer deployments into their API shape. */
@Component
@RequiredArgsConstructor
public class DeploymentViews {

    private final CustomerDeploymentRepository repository;
    private final EvidenceStore evidence;
    private final ReleaseRecordRepository releases;

    @Transactional(readOnly = true)
    public List<DeploymentView> forRelease(UUID releaseId) {
        List<CustomerDeployment> found = repository.findByReleaseIdOrderByRecordedAtAsc(releaseId);
        List<EvidenceFile> files = evidence.listFor(found.stream().map(CustomerDeployment::evidenceHolder).distinct()
                .toList());
        ReleaseRecord release = releases.findById(releaseId).orElse(null);
        return found.stream().map(d -> DeploymentView.of(d, release, files)).toList();
    }

    /** The customer deployments of one plan deployment, in the plan's order. */
    @Transactional(readOnly = true)
    public List<DeploymentView> ofPlan(UUID planDeploymentId) {
        List<CustomerDeployment> found = repository.findByPlanDeploymentIdOrderByPlanPositionAsc(planDeploymentId);
        List<EvidenceFile> files = evidence.listFor(found.stream().map(CustomerDeployment::evidenceHolder).distinct()
                .toList());
        java.util.Map<UUID, ReleaseRecord> records = new java.util.HashMap<>();
        releases.findAllById(found.stream().map(CustomerDeployment::getReleaseId).toList())
                .forEach(r -> records.put(r.getId(), r));
        return found.stream().map(d -> DeploymentView.of(d, records.get(d.getReleaseId()), files)).toList();
    }

    @Transactional(readOnly = true)
    public DeploymentView one(UUID deploymentId) {
        CustomerDeployment deployment = repository.findById(deploymentId)
                .orElseThrow(() -> new NotFoundException("deployment", deploymentId));
        ReleaseRecord release = releases.findById(deployment.getReleaseId()).orElseThrow();
        return DeploymentView.of(deployment, release, evidence.listFor(List.of(deployment.evidenceHolder())));
    }
}
