package io.inetpublish.build.build;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** A file Jenkins archived for the build; size and SHA-256 are known once it went through the platform. */
@Embeddable
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class BuildArtifact {

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(name = "relative_path", nullable = false)
    private String relativePath;

    @Column(name = "size_bytes")
    private Long size;

    @Column(name = "sha256")
    private String sha256;

    /** Jenkins' fingerprint of the file (MD5), when the job records fingerprints. */
    @Column(name = "md5")
    private String md5;

    /** Where the platform's bundle store keeps the file; null while it is only in Jenkins. */
    @Column(name = "storage_key")
    private String storageKey;

    BuildArtifact(String fileName, String relativePath) {
        this.fileName = fileName;
        this.relativePath = relativePath;
    }

    BuildArtifact kept(long size, String sha256, String md5, String storageKey) {
        BuildArtifact copy = new BuildArtifact(fileName, relativePath);
        copy.size = size;
        copy.sha256 = sha256;
        copy.md5 = md5;
        copy.storageKey = storageKey;
        return copy;
    }

    BuildArtifact unstored() {
        BuildArtifact copy = new BuildArtifact(fileName, relativePath);
        copy.size = size;
        copy.sha256 = sha256;
        copy.md5 = md5;
        return copy;
    }

    void measured(long size, String sha256) {
        this.size = size;
        this.sha256 = sha256;
    }
}
