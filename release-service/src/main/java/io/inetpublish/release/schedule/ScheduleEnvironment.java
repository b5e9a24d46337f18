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
public class ScheduleEnvironment {

    @Column(name = "environment_id", nullable = false)
    private UUID environmentId;

    @Column(name = "environment_name", nullable = false)
    private String environmentName;
}
