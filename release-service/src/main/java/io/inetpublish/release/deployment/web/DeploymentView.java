package io.inetpublish.release.deployment.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.people.PersonRef;
import io.inetpublish.release.deployment.CustomerDeployment;
import io.inetpublish.common.event.DeploymentKind;
import io.inetpublish.release.deployment.EvidenceFile;
import io.inetpublish.release.deployment.SyncStatus;
import io.inetpublish.release.release.ReleaseRecord;
import io.swagger.v3.oas.annotations.media.Schema;

/** A customer deployment as the API shows it, with its release's number and title, its environments' sync status and its evidence files. */
public record DeploymentView(UUID id, UUID releaseId, String releaseNumber, String releaseTitle, DeploymentKind kind, UUID customerId, String customerName,
        Instant deployedAt, String notes, UUID packageBuildId, UUID planDeploymentId, PersonRef recordedBy,
        Instant recordedAt,
        List<EnvironmentView> environments, List<EvidenceView> evidence) {

    @Schema(name = "DeploymentEnvironmentView")
    public record EnvironmentView(UUID environmentId, String environmentName, SyncStatus syncStatus,
            Instant syncedAt, List<VersionView> versions) {
    }

    public record VersionView(String component, String version) {
    }

    public record EvidenceView(UUID id, String fileName, String kind, String contentType, long size, String sha256,
            Instant uploadedAt, String downloadPath) {
    }

    public static DeploymentView of(CustomerDeployment deployment, ReleaseRecord release, List<EvidenceFile> evidence) {
        return new DeploymentView(deployment.getId(), deployment.getReleaseId(), release.getNumber(),
                release.getTitle(), deployment.getKind(),
                deployment.getCustomerId(), deployment.getCustomerName(), deployment.getDeployedAt(),
                deployment.getNotes(), deployment.getPackageBuildId(), deployment.getPlanDeploymentId(),
                PersonRef.of(deployment.getRecordedById(), deployment.getRecordedByName()),
                deployment.getRecordedAt(),
                deployment.getEnvironments().stream().map(e -> new EnvironmentView(e.getEnvironmentId(),
                        e.getEnvironmentName(), e.getSyncStatus(), e.getSyncedAt(), e.getVersions().stream()
                                .map(v -> new VersionView(v.getComponent(), v.getVersion())).toList())).toList(),
                evidence.stream().filter(f -> f.deploymentId().equals(deployment.evidenceHolder()))
                        .map(f -> new EvidenceView(f.id(), f.fileName(), f.kind().name(), f.contentType(), f.size(),
                                f.sha256(), f.uploadedAt(),
                                "/api/deployments/" + f.deploymentId() + "/evidence/" + f.id()))
                        .toList());
    }
}
