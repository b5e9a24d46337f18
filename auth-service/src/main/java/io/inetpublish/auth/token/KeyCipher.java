package io.inetpublish.auth.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.inetpublish.auth.config.AuthProperties;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Component;

/** Encrypts the signing keys' private parts at rest with AES-256-GCM under a key derived from configuration. */
@Component
@Slf4j
class KeyCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    KeyCipher(AuthProperties properties) {
        String secret = properties.keyEncryptionSecret();
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("inetpublish.auth.key-encryption-secret (AUTH_KEY_ENCRYPTION_SECRET) is required");
        }
        if (secret.startsWith("dev-only")) {
            log.warn("Signing keys are encrypted with the development default secret; set AUTH_KEY_ENCRYPTION_SECRET");
        }
        try {
            byte[] derived = MessageDigest.getInstance("SHA-256")
                    .digest(("inetpublish-signing-key:" + secret).getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(derived, "AES");
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    byte[] encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot encrypt a signing key", ex);
        }
    }

    String decrypt(byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            return new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot decrypt a signing key; was AUTH_KEY_ENCRYPTION_SECRET changed?", ex);
        }
    }
}
