package io.inetpublish.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnToTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/releases", "/releases/42?tab=timeline#top", "/customers/%E5%AE%A2%E6%88%B7",
            "/compare?env=a&env=b"})
    void keepsPathsOfThePlatform(String path) {
        assertThat(ReturnTo.sanitize(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"//evil.example", "///evil.example", "https://evil.example", "http:/evil.example",
            "evil.example", "/\\evil.example", "\\/evil.example", "/a\\b", "%2F%2Fevil.example",
            "/%2F/evil.example", "%2f%2fevil.example", "/%5Cevil.example", "%252F%252Fevil.example",
            "/%25252F%25252Fevil", "/\tevil", "/%0d%0aSet-Cookie:x=y", "javascript:alert(1)",
            "/api/auth/login?returnTo=//evil.example", "/%zz"})
    void turnsEverythingElseIntoTheHomePage(String target) {
        assertThat(ReturnTo.sanitize(target)).isEqualTo("/");
    }
}
