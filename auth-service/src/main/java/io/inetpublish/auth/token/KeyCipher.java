package io.inetpublish.auth.token;

import java.nio.charset.StandardCharsets;

import io.inetpublish.auth.config.AuthProperties;
import io.inetpublish.common.crypto.SecretCipher;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Component;

/**
 * Encrypts the signing keys' private parts at rest with AES-256-GCM ({@link SecretCipher}) under a key derived from
 * {@code AUTH_KEY_ENCRYPTION_SECRET}.
 */
@Component
@Slf4j
class KeyCipher {

    private final SecretCipher cipher;

    KeyCipher(AuthProperties properties) {
        String secret = properties.keyEncryptionSecret();
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("inetpublish.auth.key-encryption-secret (AUTH_KEY_ENCRYPTION_SECRET) is required");
        }
        if (secret.startsWith("dev-only")) {
            log.warn("Signing keys are encrypted with the development default secret; set AUTH_KEY_ENCRYPTION_SECRET");
        }
        this.cipher = new SecretCipher("inetpublish-signing-key", secret, "AUTH_KEY_ENCRYPTION_SECRET");
    }

    byte[] encrypt(String plain) {
        return cipher.encrypt(plain.getBytes(StandardCharsets.UTF_8));
    }

    String decrypt(byte[] stored) {
        return new String(cipher.decrypt(stored), StandardCharsets.UTF_8);
    }
}
