package io.inetpublish.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * What every domain service promises operators: health with its database and broker up, info, and Prometheus
 * metrics tagged with the application name. A service's {@code BaselineIT} extends this under
 * {@link ServiceIntegrationTest}.
 */
public abstract class ServiceBaselineContract {

    @Autowired
    protected MockMvcTester mvc;

    @Value("${spring.application.name}")
    String applicationName;

    @Test
    void reportsHealthyWithDatabaseAndBroker() {
        assertThat(mvc.get().uri("/actuator/health")).hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("UP"))
                .hasPathSatisfying("$.components.db.status", v -> v.assertThat().isEqualTo("UP"))
                .hasPathSatisfying("$.components.rabbit.status", v -> v.assertThat().isEqualTo("UP"));
    }

    @Test
    void exposesPrometheusMetricsTaggedWithTheApplication() {
        assertThat(mvc.get().uri("/actuator/prometheus")).hasStatusOk()
                .bodyText()
                .contains("application=\"" + applicationName + "\"")
                .contains("hikaricp_connections");
    }

    @Test
    void offersMetricsThatOlderPrometheusCanScrape() {
        mvc.get().uri("/actuator/health").exchange();
        assertThat(mvc.get().uri("/actuator/prometheus")
                .header("Accept", "application/openmetrics-text;version=1.0.0"))
                .hasStatusOk()
                .bodyText()
                .contains("http_server_requests_seconds_count")
                .doesNotContain("trace_id=");
    }

    @Test
    void exposesOnlyTheListedActuatorEndpoints() {
        assertThat(mvc.get().uri("/actuator/info")).hasStatusOk();
        assertThat(mvc.get().uri("/actuator/env")).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri("/actuator/beans")).hasStatus(HttpStatus.NOT_FOUND);
    }
}
