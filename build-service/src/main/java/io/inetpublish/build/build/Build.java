package io.inetpublish.build.build;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** One Jenkins build the platform triggered and follows to its end. */
@Entity
@Table(name = "build")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Build {

    @Id
    private UUID id;

    @Column(name = "release_id", nullable = false)
    private UUID releaseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private BuildType type;

    @Column(nullable = false)
    private String status;

    @Column(name = "requested_by_name", nullable = false)
    private String requestedByName;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "jenkins_build_number")
    private Integer jenkinsBuildNumber;

    @Version
    private long version;
}
