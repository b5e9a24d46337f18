package io.inetpublish.release.release;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.inetpublish.common.observability.SharedGauges;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** {@code inetpublish_releases{status}}: how many release records are in each status, refreshed periodically. */
@Component
class ReleaseMetrics {

    private final JdbcTemplate jdbc;
    private final MultiGauge byStatus;

    ReleaseMetrics(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.byStatus = MultiGauge.builder("inetpublish.releases").description(SharedGauges.describe("Release records by status"))
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${inetpublish.release.metrics-interval:PT30S}", initialDelayString = "PT5S")
    void refresh() {
        List<MultiGauge.Row<?>> rows = jdbc.query("select status, count(*) from release_record group by status",
                (rs, i) -> MultiGauge.Row.of(Tags.of("status", rs.getString(1)), rs.getLong(2)));
        byStatus.register(rows, true);
    }
}
