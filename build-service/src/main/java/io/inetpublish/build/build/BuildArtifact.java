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

    BuildArtifact(String fileName, String relativePath) {
        this.fileName = fileName;
        this.relativePath = relativePath;
    }

    void measured(long size, String sha256) {
        this.size = size;
        this.sha256 = sha256;
    }
}
