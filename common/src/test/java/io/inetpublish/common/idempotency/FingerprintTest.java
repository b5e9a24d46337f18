package io.inetpublish.common.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

class FingerprintTest {

    private static MockMultipartFile file(String name, String content) {
        return new MockMultipartFile("files", name, "text/plain", content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void addFilesAddsEachFilesNameThenItsBytes() {
        String byHand = Fingerprint.of("POST", "/api/x")
                .add("a.txt").add(new ByteArrayInputStream("one".getBytes(StandardCharsets.UTF_8)))
                .add("b.txt").add(new ByteArrayInputStream("two".getBytes(StandardCharsets.UTF_8)))
                .hex();

        String viaAddFiles = Fingerprint.of("POST", "/api/x")
                .addFiles(List.of(file("a.txt", "one"), file("b.txt", "two"))).hex();

        assertThat(viaAddFiles).isEqualTo(byHand);
    }

    @Test
    void filesThatDifferInNameContentOrOrderFingerprintApart() {
        String base = Fingerprint.of("POST", "/api/x").addFiles(List.of(file("a.txt", "one"), file("b.txt", "two")))
                .hex();

        assertThat(Fingerprint.of("POST", "/api/x").addFiles(List.of(file("c.txt", "one"), file("b.txt", "two")))
                .hex()).isNotEqualTo(base);
        assertThat(Fingerprint.of("POST", "/api/x").addFiles(List.of(file("a.txt", "one!"), file("b.txt", "two")))
                .hex()).isNotEqualTo(base);
        assertThat(Fingerprint.of("POST", "/api/x").addFiles(List.of(file("b.txt", "two"), file("a.txt", "one")))
                .hex()).isNotEqualTo(base);
        assertThat(Fingerprint.of("POST", "/api/x").addFiles(List.of()).hex())
                .isEqualTo(Fingerprint.of("POST", "/api/x").hex());
    }
}
