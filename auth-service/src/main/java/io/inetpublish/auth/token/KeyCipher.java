package io.inetpublish.auth.token;

import java.nio.charset.StandardCharsets;

import io.inetpublish.auth.config.AuthProperties;
import io.inetpublish.common.crypto.SecretCipher;
import org.springframework.stereotype.Component;

/**
 * Encrypts the signing keys' private parts at rest with AES-256-GCM ({@link SecretCipher}) under a key derived from
 * {@code AUTH_KEY_ENCRYPTION_SECRET}.
 */
@Component
class KeyCipher {

    private final SecretCipher cipher;

    KeyCipher(AuthProperties properties) {
        this.cipher = new SecretCipher("inetpublish-signing-key", properties.keyEncryptionSecret(),
                "AUTH_KEY_ENCRYPTION_SECRET");
    }

    byte[] encrypt(String plain) {
        return cipher.encrypt(plain.getBytes(StandardCharsets.UTF_8));
    }

    String decrypt(byte[] stored) {
        return new String(cipher.decrypt(stored), StandardCharsets.UTF_8);
    }
}
