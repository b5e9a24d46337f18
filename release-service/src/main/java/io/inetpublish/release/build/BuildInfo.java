package io.inetpublish.release.build;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.BuildType;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A build as build-service shows it ({@code GET /api/builds/{id}}), the parts release-service reads.
 *
 * @param releaseId null for a delta bundle (a package of an upgrade plan)
 * @param releaseNumber a delta bundle's name
 * @param status build-service's build status ({@code FINISHED} at its end)
 * @param environmentId a delta bundle's customer environment
 * @param bundle the package kept by the platform; null for a test deployment
 * @param finishedAt when it ended (null while it runs)
 */
public record BuildInfo(UUID id, UUID releaseId, String releaseNumber, BuildType type, String status,
        BuildResult result, UUID environmentId, String environmentName, String customerName,
        List<Release> releases, List<Item> items, Bundle bundle, Instant finishedAt) {

    public record Release(UUID id, String number) {
    }

    @Schema(name = "BuildItem")
    public record Item(String component, String version) {
    }

    /** @param status {@code NONE}, {@code STORING}, {@code STORED}, {@code FAILED} or {@code EXPIRED} */
    public record Bundle(String status) {
    }

    /** A package of an upgrade plan, built for one customer environment (not a release record's package). */
    public boolean isDeltaBundle() {
        return type == BuildType.PACKAGE && releaseId == null;
    }

    /** It ran to its end and produced its package ({@code SUCCESS} or {@code UNSTABLE}). */
    public boolean completed() {
        return "FINISHED".equals(status) && result != null && result.completed();
    }

    /**
     * Its files can be downloaded: the platform keeps the bundle ({@code STORED}), or it keeps none of this build and
     * Jenkins serves it ({@code NONE}). Not while storing, after a failed copy or once retention removed it.
     */
    public boolean downloadable() {
        String kept = bundle == null ? "NONE" : bundle.status();
        return "STORED".equals(kept) || "NONE".equals(kept);
    }
}
