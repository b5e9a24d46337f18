package io.inetpublish.release.deployment;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import lombok.AccessLevel;
import lombok.AllArgsConstructor;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** A component version a deployment puts into an environment. */
@Embeddable
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
@AllArgsConstructor
public class DeployedVersion {

    @Column(nullable = false)
    private String component;

    @Column(nullable = false)
    private String version;
}
