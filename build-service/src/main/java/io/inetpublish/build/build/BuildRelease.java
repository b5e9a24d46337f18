package io.inetpublish.build.build;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** A release record a delta bundle's upgrade plan applies. */
@Embeddable
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class BuildRelease {

    @Column(name = "release_id", nullable = false)
    private UUID releaseId;

    @Column(name = "release_number", nullable = false)
    private String releaseNumber;

    BuildRelease(UUID releaseId, String releaseNumber) {
        this.releaseId = releaseId;
        this.releaseNumber = releaseNumber;
    }
}
