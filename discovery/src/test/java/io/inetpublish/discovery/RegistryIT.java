package io.inetpublish.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.eureka.EurekaServerConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The registry as the services and the gateway use it: registering, being listed, and how long answers stay cached. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RegistryIT {

    private final HttpClient http = HttpClient.newHttpClient();

    /** The local default credentials (EUREKA_USER / EUREKA_PASSWORD). */
    private static final String CREDENTIALS = basic("eureka", "dev-only-eureka-password");

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Autowired
    private EurekaServerConfig config;

    @Autowired
    private org.springframework.context.ApplicationContext context;

    @Test
    void aCachedRegistryAnswerIsRenewedWithinSecondsNotMinutes() {
        // a stale answer stored after a registration lives until its entry expires (Eureka's default: 180 s)
        assertThat(config.getResponseCacheAutoExpirationInSeconds()).isEqualTo(10);
        assertThat(config.getResponseCacheUpdateIntervalMs()).isEqualTo(3000);
        assertThat(config.shouldEnableSelfPreservation()).isFalse();
    }

    @Test
    void aRegisteredInstanceIsListedForTheOthers() throws Exception {
        String instance = """
                {"instance": {"instanceId": "127.0.0.1:notify-service:8085", "app": "NOTIFY-SERVICE",
                  "hostName": "127.0.0.1", "ipAddr": "127.0.0.1", "vipAddress": "notify-service", "status": "UP",
                  "port": {"$": 8085, "@enabled": "true"},
                  "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"}}}
                """;
        var registered = http.send(HttpRequest.newBuilder(uri("/eureka/apps/NOTIFY-SERVICE")).header("Authorization",
                CREDENTIALS).header("Content-Type", "application/json").POST(BodyPublishers.ofString(instance)).build(),
                BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(204);

        var listed = http.send(HttpRequest.newBuilder(uri("/eureka/apps/NOTIFY-SERVICE")).header("Authorization",
                CREDENTIALS).header("Accept", "application/json").build(), BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("127.0.0.1:notify-service:8085").contains("\"status\":\"UP\"");
    }

    @Test
    void answersNobodyWithoutTheRegistrysCredentials() throws Exception {
        String fake = """
                {"instance": {"instanceId": "10.9.9.9:release-service:8082", "app": "RELEASE-SERVICE",
                  "hostName": "10.9.9.9", "ipAddr": "10.9.9.9", "vipAddress": "release-service", "status": "UP",
                  "port": {"$": 8082, "@enabled": "true"},
                  "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"}}}
                """;
        String[] strangers = {null, basic("eureka", "wrong"), basic("someone", "dev-only-eureka-password")};
        for (String authorization : strangers) {
            var register = HttpRequest.newBuilder(uri("/eureka/apps/RELEASE-SERVICE"))
                    .header("Content-Type", "application/json").POST(BodyPublishers.ofString(fake));
            var list = HttpRequest.newBuilder(uri("/eureka/apps")).header("Accept", "application/json");
            var remove = HttpRequest.newBuilder(uri("/eureka/apps/RELEASE-SERVICE/10.9.9.9:release-service:8082"))
                    .DELETE();
            var dashboard = HttpRequest.newBuilder(uri("/"));
            for (HttpRequest.Builder request : java.util.List.of(register, list, remove, dashboard)) {
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                assertThat(http.send(request.build(), BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            }
        }
        var listed = http.send(HttpRequest.newBuilder(uri("/eureka/apps/RELEASE-SERVICE")).header("Authorization",
                CREDENTIALS).header("Accept", "application/json").build(), BodyHandlers.ofString());
        assertThat(listed.body()).doesNotContain("10.9.9.9");
    }

    /**
     * Every heartbeat and fetch carries the credentials: Spring Boot's default user would check each with BCrypt
     * (~70 ms of CPU, its stored password upgraded after the first login), see {@link RegistryCredentials}.
     */
    @Test
    void theCredentialsAreCheckedWithoutAPasswordHash() throws Exception {
        assertThat(context.getBeansOfType(org.springframework.security.core.userdetails.UserDetailsService.class))
                .isEmpty();
        assertThat(context.getBeansOfType(org.springframework.security.crypto.password.PasswordEncoder.class))
                .isEmpty();
        assertThat(context.getBean(org.springframework.security.authentication.AuthenticationManager.class))
                .isInstanceOf(RegistryCredentials.class);
        for (int i = 0; i < 3; i++) {
            var listed = http.send(HttpRequest.newBuilder(uri("/eureka/apps")).header("Authorization", CREDENTIALS)
                    .header("Accept", "application/json").build(), BodyHandlers.ofString());
            assertThat(listed.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void healthIsOpenOnlyOnTheManagementPort() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        var health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/health")).build(), BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(), BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
