package io.inetpublish.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every domain service promises operators, on its management port (never the service port): health with its
 * database and broker up, info, Prometheus metrics tagged with the application name, and dead letters only for an
 * ADMIN. A service's {@code BaselineIT} extends this under {@link ServiceIntegrationTest}.
 */
public abstract class ServiceBaselineContract {

    @LocalServerPort
    int serverPort;

    @LocalManagementPort
    int managementPort;

    @Value("${spring.application.name}")
    String applicationName;

    protected PlainHttp service;
    protected PlainHttp management;

    @BeforeEach
    void ports() {
        service = new PlainHttp(serverPort);
        management = new PlainHttp(managementPort);
    }

    /** An access token this service accepts for a person with this role (auth-service checks only its own). */
    protected String token(Role role) {
        return TestTokens.accessToken(role);
    }

    @Test
    void listensForOperatorsOnAPortOfItsOwn() {
        assertThat(managementPort).isPositive().isNotEqualTo(serverPort);
    }

    @Test
    void reportsHealthyWithDatabaseAndBroker() {
        PlainHttp.Response health = management.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat((String) JsonPath.read(health.body(), "$.status")).isEqualTo("UP");
        assertThat((String) JsonPath.read(health.body(), "$.components.db.status")).isEqualTo("UP");
        assertThat((String) JsonPath.read(health.body(), "$.components.rabbit.status")).isEqualTo("UP");
    }

    @Test
    void servesNoOperatorEndpointOnTheServicePort() {
        for (String path : new String[] {"/actuator/health", "/actuator/deadletters", "/actuator/prometheus",
                "/actuator/revocations", "/internal/revocations"}) {
            PlainHttp.Response anonymous = service.get(path);
            assertThat(anonymous.status()).as("anonymous GET %s on the service port", path).isEqualTo(401);
            assertThat(anonymous.body()).doesNotContain("\"components\"", "consumers", "sessions");
            PlainHttp.Response admin = service.get(path, token(Role.ADMIN));
            assertThat(admin.status()).as("ADMIN GET %s on the service port", path).isEqualTo(404);
            assertThat(admin.body()).doesNotContain("\"components\"", "consumers", "sessions");
        }
        assertThat(service.post("/actuator/deadletters", "{}", null).status()).isEqualTo(401);
    }

    @Test
    void showsAndReplaysDeadLettersOnlyToAnAdmin() {
        assertThat(management.get("/actuator/deadletters").status()).isEqualTo(401);
        assertThat(management.get("/actuator/deadletters", token(Role.VIEWER)).status()).isEqualTo(403);
        assertThat(management.post("/actuator/deadletters", "{}", null).status()).isEqualTo(401);
        for (Role role : new Role[] {Role.VIEWER, Role.DEVELOPER}) {
            assertThat(management.post("/actuator/deadletters", "{}", token(role)).status()).as("replay by %s", role)
                    .isEqualTo(403);
        }
        PlainHttp.Response listed = management.get("/actuator/deadletters", token(Role.ADMIN));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains("\"consumers\"");
    }

    @Test
    void exposesPrometheusMetricsTaggedWithTheApplication() {
        PlainHttp.Response metrics = management.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"" + applicationName + "\"").contains("hikaricp_connections");
    }

    @Test
    void offersMetricsThatOlderPrometheusCanScrape() {
        management.get("/actuator/health");
        service.get("/api/nothing-here", token(Role.VIEWER));
        PlainHttp.Response metrics = management.get("/actuator/prometheus",
                "Accept", "application/openmetrics-text;version=1.0.0");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count")
                .doesNotContain("trace_id=");
    }

    @Test
    void exposesOnlyTheListedActuatorEndpoints() {
        assertThat(management.get("/actuator/info").status()).isEqualTo(200);
        assertThat(management.get("/actuator/env").status()).isEqualTo(404);
        assertThat(management.get("/actuator/beans").status()).isEqualTo(404);
        assertThat(management.get("/actuator/env", token(Role.ADMIN)).status()).isEqualTo(404);
    }
}
