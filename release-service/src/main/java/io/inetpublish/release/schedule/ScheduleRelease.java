package io.inetpublish.release.schedule;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import lombok.AccessLevel;
import lombok.AllArgsConstructor;
import lombok.Getter;
import lombok.NoArgsConstructor;

@Embeddable
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
@AllArgsConstructor
public class ScheduleRelease {

    @Column(name = "release_id", nullable = false)
    private UUID releaseId;

    @Column(name = "release_number", nullable = false)
    private String releaseNumber;
}
