package io.inetpublish.release.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetpublish.common.test.PlainHttp;
import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.ReleaseItSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

@ReleaseIntegrationTest
class ReleaseMetricsIT extends ReleaseItSupport {

    @Autowired
    ReleaseMetrics metrics;

    @LocalManagementPort
    int managementPort;

    @Test
    void countsReleaseRecordsByStatusForOperators() {
        assertThat(mvc.post().uri("/api/releases").contentType(MediaType.APPLICATION_JSON)
                .content(releaseBody("metrics", "M-1", unique("metrics-component"))))
                .hasStatus(HttpStatus.CREATED);
        Integer submitted = jdbc.queryForObject("select count(*) from release_record where status = 'SUBMITTED'",
                Integer.class);

        metrics.refresh();

        assertThat(new PlainHttp(managementPort).get("/actuator/prometheus").body())
                .contains("inetpublish_releases{application=\"release-service\",status=\"SUBMITTED\"} "
                        + submitted.doubleValue());
    }
}
