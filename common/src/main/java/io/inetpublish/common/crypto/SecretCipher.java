package io.inetpublish.common.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import lombok.extern.slf4j.Slf4j;

/**
 * Seals the credentials a service keeps for outside systems (Feishu app and bot secrets, the Jenkins API token) with
 * AES-256-GCM under a key derived from {@code INETPUBLISH_SECRETS_KEY}. A sealed value reads
 * {@code enc:v1:<base64 of IV, ciphertext and tag>}; a value without that prefix was stored before sealing existed and
 * is read as it is (it is sealed the next time it is saved).
 */
@Slf4j
public final class SecretCipher {

    static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String setting;
    private final SecureRandom random = new SecureRandom();

    /** The cipher for stored credentials, keyed by {@code INETPUBLISH_SECRETS_KEY}. */
    public SecretCipher(String secret) {
        this("inetpublish-stored-credentials", secret, "INETPUBLISH_SECRETS_KEY");
    }

    /**
     * A cipher for one purpose: the AES key is SHA-256 of {@code purpose:secret}, so one secret never keys two
     * purposes alike. {@code setting} names where the secret comes from, for the messages; a secret starting with
     * {@code dev-only} (the local defaults) is accepted with a warning.
     */
    public SecretCipher(String purpose, String secret, String setting) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the secret in " + setting + " is empty");
        }
        if (secret.startsWith("dev-only")) {
            log.warn("{} is the development default; set it in production", setting);
        }
        this.setting = setting;
        try {
            byte[] derived = MessageDigest.getInstance("SHA-256")
                    .digest((purpose + ":" + secret).getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(derived, "AES");
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** IV followed by ciphertext and tag. */
    public byte[] encrypt(byte[] plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot encrypt", ex);
        }
    }

    public byte[] decrypt(byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalStateException("Cannot decrypt a stored value; was " + setting + " changed since it "
                    + "was saved?", ex);
        }
    }

    /** {@code enc:v1:} and the encrypted text in base64; null stays null. */
    public String seal(String plain) {
        return plain == null ? null
                : PREFIX + Base64.getEncoder().encodeToString(encrypt(plain.getBytes(StandardCharsets.UTF_8)));
    }

    /** Opens a sealed value; a value without the prefix was stored before sealing and is returned as it is. */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException ex) {
            throw new IllegalStateException("A stored value is damaged (not base64)", ex);
        }
        return new String(decrypt(bytes), StandardCharsets.UTF_8);
    }
}
