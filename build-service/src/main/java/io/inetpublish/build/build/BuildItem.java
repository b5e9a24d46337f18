package io.inetpublish.build.build;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** A component version the build was asked to deploy or package. */
@Embeddable
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class BuildItem {

    @Column(nullable = false)
    private String component;

    @Column(nullable = false)
    private String version;

    BuildItem(String component, String version) {
        this.component = component;
        this.version = version;
    }
}
