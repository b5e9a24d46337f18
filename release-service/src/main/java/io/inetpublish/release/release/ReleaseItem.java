package io.inetpublish.release.release;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import lombok.AccessLevel;
import lombok.AllArgsConstructor;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** One component @ version of a release record. */
@Embeddable
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
@AllArgsConstructor
public class ReleaseItem {

    @Column(nullable = false)
    private String component;

    @Column(nullable = false)
    private String version;
}
