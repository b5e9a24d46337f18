package io.inetpublish.common.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.security.TestTokens;
import io.inetpublish.common.web.ApiDocsAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.aspectj.annotation.AnnotationAwareAspectJAutoProxyCreator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What every domain service promises operators, on its management port (never the service port): health with its
 * database and broker up, info, Prometheus metrics tagged with the application name, and dead letters only for an
 * ADMIN; and on its service port, request bodies within their limit also when they come chunked, and multipart bodies
 * read only by endpoints that take files; and, on the service port without a token, an OpenAPI description of
 * every endpoint (summary, described resource, errors as problems). A service's {@code BaselineIT} extends this under
 * {@link ServiceIntegrationTest}.
 */
public abstract class ServiceBaselineContract {

    @LocalServerPort
    int serverPort;

    @LocalManagementPort
    int managementPort;

    @Value("${spring.application.name}")
    String applicationName;

    @Autowired
    ApplicationContext context;

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
    void provesTransactionsWithoutAspectJProxying() {
        // spring.aop.auto=false (inetpublish-defaults.yml): no AspectJ proxy creator matching every bean against
        // Resilience4j's annotation aspects at start, and @Transactional still applies (MANDATORY: no transaction here)
        assertThat(context.getBeanNamesForType(AnnotationAwareAspectJAutoProxyCreator.class)).isEmpty();
        Outbox outbox = context.getBean(Outbox.class);
        assertThatThrownBy(() -> outbox.publish("baseline.probe", Map.of("probe", true)))
                .isInstanceOf(IllegalTransactionStateException.class);
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

    @Test
    void describesEveryEndpointForTheApiReference() throws IOException {
        // as the gateway fetches it for its reference page: no token, the service port
        PlainHttp.Response docs = service.get(ApiDocsAutoConfiguration.PATH);
        assertThat(docs.status()).isEqualTo(200);
        // kept for readers and tools (target/openapi/<service>.json), e.g. to generate client types from
        Path copy = Path.of("target", "openapi", applicationName + ".json");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, docs.body());
        assertThat(ApiDescriptions.gaps(docs.body())).as("what the API reference would be missing").isEmpty();
        assertThat(docs.body()).contains(readPath().replaceAll("\\?.*", "")).doesNotContain("/actuator", "/internal/");
    }

    /**
     * The web app's copy of this service's description ({@code web/openapi/<service>.json}), which its API modules'
     * types are generated from (web/scripts/api-types.mjs) and checked against (npm test): the same as what the code
     * describes, so that the types cannot go stale. After a change to the API, regenerate it with
     * {@code -Dinetpublish.openapi.update=true} (docs/architecture.md, "Typed API modules").
     */
    @Test
    void keepsTheWebAppsCopyOfTheDescriptionCurrent() throws IOException {
        PlainHttp.Response docs = service.get(ApiDocsAutoConfiguration.PATH);
        assertThat(docs.status()).isEqualTo(200);
        // the module's folder is the working directory of its tests
        Path copy = Path.of("..", "web", "openapi", applicationName + ".json");
        if (Boolean.getBoolean("inetpublish.openapi.update")) {
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, ApiDescriptions.pretty(docs.body()));
        }
        assertThat(copy).as("the web app's copy of the description (-Dinetpublish.openapi.update=true writes it)")
                .exists();
        assertThat(ApiDescriptions.differences(Files.readString(copy), docs.body(), 20))
                .as("web/openapi/%s.json against what the code describes: regenerate it with "
                        + "-Dinetpublish.openapi.update=true, then run the web app's tests (docs/architecture.md)",
                        applicationName)
                .isEmpty();
    }

    /**
     * One schema name, one type: springdoc keeps one schema per name, so two of the project's types of the same
     * simple name would share one in the description (and the web app's types), one of them described wrongly.
     * Name one of them with {@code @Schema(name = "...")}.
     */
    @Test
    void namesEachOfItsTypesInTheDescriptionOnce() {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        assertThat(SchemaNames.clashes(mapping.getHandlerMethods().values()))
                .as("schema names given to several types").isEmpty();
    }

    /** A read any logged-in person may make, e.g. {@code /api/customers}. */
    protected abstract String readPath();

    /** An endpoint that takes a JSON body, as {@code "POST /api/customers"}. */
    protected abstract String jsonEndpoint();

    @Test
    void refusesAChunkedJsonBodyOverTheLimitWhileReadingIt() {
        String[] endpoint = jsonEndpoint().split(" ", 2);
        // 3 MB of a JSON string, chunked: no Content-Length to refuse it by
        PlainHttp.Response answer = service.sendChunked(endpoint[0], endpoint[1], "application/json",
                jsonString(3 * 1024 * 1024), token(Role.ADMIN));
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("https://inetpublish.io/problems/body-too-large", "2 MB");
    }

    @Test
    void refusesADeclaredBodyOverTheLimitBeforeReadingIt() {
        String[] endpoint = jsonEndpoint().split(" ", 2);
        PlainHttp.Response answer = service.send(endpoint[0], endpoint[1], "application/json",
                new byte[3 * 1024 * 1024], token(Role.ADMIN));
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("https://inetpublish.io/problems/body-too-large");
    }

    @Test
    void readsNoMultipartBodyOnAnEndpointThatTakesNoFiles() throws Exception {
        // a viewer's read with a multipart body that never ends: answered at once, nothing parsed or spooled
        String answer = service.stalledMultipart("GET", readPath(), token(Role.VIEWER), Duration.ofSeconds(10));
        assertThat(answer).startsWith("HTTP/1.1 415").contains("multipart-not-accepted");
    }

    /** {@code {"name":"aaaa…"}} of about this many bytes, produced while it is sent. */
    protected static InputStream jsonString(int bytes) {
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream("{\"name\":\"".getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    int left = bytes;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'a' : -1;
                    }
                },
                new ByteArrayInputStream("\"}".getBytes(StandardCharsets.UTF_8)))));
    }
}
