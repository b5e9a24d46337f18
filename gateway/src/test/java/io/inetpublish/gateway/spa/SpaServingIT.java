package io.inetpublish.gateway.spa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway serves the web app that the Maven build put into {@code classpath:/static}: every page path answers
 * with index.html (deep links survive a reload), hashed assets are cached long, index.html is revalidated, and
 * nothing under /api/ is ever answered with the app.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "management.server.port=0"
})
@AutoConfigureWebTestClient
class SpaServingIT {

    private static final String APP_MARKER = "<div id=\"app\"></div>";

    @Autowired
    WebTestClient client;

    @ParameterizedTest
    @ValueSource(strings = {"/", "/releases", "/releases/6f1c2a4e-0000-4000-8000-000000000001",
            "/customers/6f1c2a4e-0000-4000-8000-000000000001", "/admin/settings", "/schedules?view=week"})
    void pagePathsAnswerWithTheAppAndAreRevalidated(String path) {
        String body = client.get().uri(path).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains(APP_MARKER);
    }

    @Test
    void hashedAssetsAreCachedForAYear() {
        String index = client.get().uri("/").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        assertThat(script.find()).as("index.html references its script bundle").isTrue();

        String js = client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build()
                .get().uri(script.group(1)).exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value)
                        .contains("max-age=31536000").contains("immutable"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(js).doesNotContain(APP_MARKER).isNotBlank();
    }

    @Test
    void aMissingAssetIsNotFoundRatherThanTheApp() {
        client.get().uri("/assets/does-not-exist-123.js").exchange()
                .expectStatus().isNotFound()
                .expectHeader().doesNotExist(HttpHeaders.CACHE_CONTROL).expectBody(Void.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/no-such-api", "/api", "/actuator/env"})
    void serverPathsAreNeverAnsweredWithTheApp(String path) {
        String body = client.get().uri(path).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().value(status -> assertThat(status).isGreaterThanOrEqualTo(400))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body == null ? "" : body).doesNotContain(APP_MARKER);
    }

    @Test
    void onlyReadsAreAnsweredWithTheApp() {
        String body = client.post().uri("/releases/1").exchange()
                .expectStatus().value(status -> assertThat(status).isGreaterThanOrEqualTo(400))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body == null ? "" : body).doesNotContain(APP_MARKER);
    }
}
