package io.inetpublish.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.eureka.EurekaServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The registry as the services and the gateway use it: registering, being listed, and how long answers stay cached. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RegistryIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private EurekaServerConfig config;

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
        var registered = http.send(HttpRequest.newBuilder(uri("/eureka/apps/NOTIFY-SERVICE"))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(instance)).build(),
                BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(204);

        var listed = http.send(HttpRequest.newBuilder(uri("/eureka/apps/NOTIFY-SERVICE"))
                .header("Accept", "application/json").build(), BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("127.0.0.1:notify-service:8085").contains("\"status\":\"UP\"");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
