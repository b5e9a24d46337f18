package io.inetpublish.release.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EvidenceKindTest {

    private static Optional<EvidenceKind> sniff(byte[] bytes) {
        return EvidenceKind.sniff(bytes, bytes.length);
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    @Test
    void recognisesEachAllowedKindByItsContent() {
        assertThat(sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0))).contains(EvidenceKind.PNG);
        assertThat(sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10))).contains(EvidenceKind.JPEG);
        assertThat(sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1))).contains(EvidenceKind.WEBP);
        assertThat(sniff("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII))).contains(EvidenceKind.PDF);
        assertThat(sniff(bytes('P', 'K', 3, 4, 20, 0))).contains(EvidenceKind.ZIP);
        assertThat(sniff(bytes('P', 'K', 5, 6, 0, 0))).contains(EvidenceKind.ZIP);
        assertThat(sniff("2026-01-01 ERROR boom\n\tat x\r\n\u001b[31mred\u001b[0m 中文".getBytes(StandardCharsets.UTF_8)))
                .contains(EvidenceKind.TEXT);
        assertThat(sniff("部署日志".getBytes(java.nio.charset.Charset.forName("GBK")))).contains(EvidenceKind.TEXT);
    }

    @Test
    void refusesEverythingElse() {
        assertThat(sniff(bytes('M', 'Z', 0x90, 0, 3, 0))).isEmpty();
        assertThat(sniff(bytes(0x7F, 'E', 'L', 'F', 2, 1, 1, 0))).isEmpty();
        assertThat(sniff("GIF89a".getBytes(StandardCharsets.US_ASCII))).contains(EvidenceKind.TEXT)
                .as("GIF header alone is ASCII; a real GIF carries binary bytes right after it");
        assertThat(sniff(bytes('G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0))).isEmpty();
        assertThat(sniff(bytes(0x1F, 0x8B, 8, 0))).isEmpty();
        assertThat(sniff(new byte[0])).isEmpty();
        assertThat(sniff(bytes('R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E'))).isEmpty();
    }
}
