package io.inetpublish.release.build;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** One file of a finished package build (打包) of a release; the bytes stay in build-service. */
@Entity
@Table(name = "release_package")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class ReleasePackage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "release_id", nullable = false)
    private UUID releaseId;

    @Column(name = "build_id", nullable = false)
    private UUID buildId;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(name = "relative_path", nullable = false)
    private String relativePath;

    @Column(name = "size_bytes")
    private Long size;

    private String sha256;

    @Column(name = "finished_at", nullable = false)
    private Instant finishedAt;

    /** {@link io.inetpublish.release.release.ContentHash} of what the package build built (null: unknown). */
    @Column(name = "content_hash")
    private String contentHash;

    /** When build-service's retention removed the stored files (null: kept, downloadable). */
    @Column(name = "removed_at")
    private Instant removedAt;

    ReleasePackage(UUID releaseId, UUID buildId, String fileName, String relativePath, Long size, String sha256,
            Instant finishedAt, String contentHash) {
        this.releaseId = releaseId;
        this.buildId = buildId;
        this.fileName = fileName;
        this.relativePath = relativePath;
        this.size = size;
        this.sha256 = sha256;
        this.finishedAt = finishedAt;
        this.contentHash = contentHash;
    }

    /** Built from an earlier content of its record than {@code current}: not to be shipped (已过期). */
    public boolean outdated(String current) {
        return io.inetpublish.release.release.ContentHash.outdated(contentHash, current);
    }

    /**
     * The one rule for a customer deployment's package of its own record, whose content is {@code current}: null when
     * it may be named (offered by the form, accepted by the door), else the message code of why not — built before
     * the record's versions were edited, or its files removed by build-service's retention (nothing to download).
     */
    public String refusal(String current) {
        if (outdated(current)) {
            return "deployment.package-outdated";
        }
        return removedAt != null ? "deployment.package-removed" : null;
    }
}
