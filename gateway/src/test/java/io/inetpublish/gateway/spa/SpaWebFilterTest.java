package io.inetpublish.gateway.spa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpaWebFilterTest {

    @ParameterizedTest
    @CsvSource({
            "/, true",
            "/releases/abc, true",
            "/environments/1f/history, true",
            "/favicon.ico, false",
            "/assets/index-abc.js, false",
            "/index.html, false"
    })
    void recognisesPagesByTheirLastSegment(String path, boolean page) {
        assertThat(SpaWebFilter.isPagePath(path)).isEqualTo(page);
    }

    @ParameterizedTest
    @CsvSource({
            "/api, true",
            "/api/releases, true",
            "/api-docs, true",
            "/api-docs/, true",
            "/api-docsy, false",
            "/actuator/health, true",
            "/error, true",
            "/apiary, false",
            "/releases, false"
    })
    void leavesServerPathsAlone(String path, boolean server) {
        assertThat(SpaWebFilter.isServerPath(path)).isEqualTo(server);
    }
}
